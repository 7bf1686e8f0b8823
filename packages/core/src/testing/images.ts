/**
 * Builds small images in memory for tests: layer tars, OCI layouts and docker-archives, written
 * the way the real tools write them. End-to-end tests use umoci/skopeo; these keep unit tests
 * fast and let them craft hostile input no tool would produce.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';

/** One tar entry. `type` defaults to `file`; `content` is for files. */
export interface TarEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  /** Override the size written in the header (hostile tests). */
  size?: number;
}

/** A tar archive of `entries`, in order. */
export async function buildTar(entries: readonly TarEntry[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res, rej) => {
    pack.on('end', res);
    pack.on('error', rej);
  });
  for (const e of entries) {
    const type = e.type ?? 'file';
    const content =
      e.content === undefined ? undefined : Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content);
    const header = {
      name: e.name,
      type,
      mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644),
      uid: e.uid ?? 0,
      gid: e.gid ?? 0,
      mtime: new Date('2024-01-01T00:00:00Z'),
      ...(e.linkname !== undefined ? { linkname: e.linkname } : {}),
      ...(type === 'file' ? { size: content?.length ?? 0 } : {}),
    };
    await new Promise<void>((res, rej) =>
      pack.entry(header, type === 'file' ? (content ?? Buffer.alloc(0)) : undefined, (err) =>
        err ? rej(err) : res(),
      ),
    );
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export function sha256(b: Buffer | string): string {
  return `sha256:${createHash('sha256').update(b).digest('hex')}`;
}

/** What to put in a test image. */
export interface TestImage {
  /** Uncompressed layer tars, bottom first. */
  layers: Buffer[];
  /** Compress layers with gzip in the OCI layout (default true). */
  gzip?: boolean;
  history?: { created_by?: string; empty_layer?: boolean }[];
  labels?: Record<string, string>;
  user?: string;
  tag?: string;
}

function configFor(img: TestImage): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created: '2024-01-01T00:00:00Z',
      config: {
        Env: ['PATH=/usr/bin:/bin'],
        ...(img.labels ? { Labels: img.labels } : {}),
        ...(img.user ? { User: img.user } : {}),
      },
      rootfs: { type: 'layers', diff_ids: img.layers.map((l) => sha256(l)) },
      history: img.history ?? img.layers.map((_, i) => ({ created_by: `step ${i + 1}` })),
    }),
  );
}

async function writeBlob(dir: string, bytes: Buffer): Promise<string> {
  const digest = sha256(bytes);
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  await writeFile(join(dir, 'blobs', 'sha256', digest.slice(7)), bytes);
  return digest;
}

/** Writes an OCI image layout into `dir`; returns the manifest digest. */
export async function writeOciLayout(dir: string, img: TestImage): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const config = configFor(img);
  const configDigest = await writeBlob(dir, config);
  const layers = [];
  for (const l of img.layers) {
    const stored = img.gzip === false ? l : gzipSync(l);
    layers.push({
      mediaType:
        img.gzip === false
          ? 'application/vnd.oci.image.layer.v1.tar'
          : 'application/vnd.oci.image.layer.v1.tar+gzip',
      digest: await writeBlob(dir, stored),
      size: stored.length,
    });
  }
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: configDigest,
        size: config.length,
      },
      layers,
    }),
  );
  const manifestDigest = await writeBlob(dir, manifest);
  const index = {
    schemaVersion: 2,
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: manifestDigest,
        size: manifest.length,
        annotations: { 'org.opencontainers.image.ref.name': img.tag ?? 'latest' },
      },
    ],
  };
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
  return manifestDigest;
}

/** A `docker save`-style archive (legacy layout: `<id>/layer.tar`) as one buffer. */
export async function buildDockerArchive(img: TestImage): Promise<Buffer> {
  const config = configFor(img);
  const configHex = sha256(config).slice(7);
  const entries: TarEntry[] = [{ name: `${configHex}.json`, content: config }];
  const names = img.layers.map((l, i) => `${sha256(l).slice(7, 71)}${i}/layer.tar`);
  img.layers.forEach((l, i) => entries.push({ name: names[i]!, content: l }));
  entries.push({
    name: 'manifest.json',
    content: JSON.stringify([
      { Config: `${configHex}.json`, RepoTags: [img.tag ?? 'test:latest'], Layers: names },
    ]),
  });
  return buildTar(entries);
}
