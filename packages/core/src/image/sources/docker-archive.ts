import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { messages, UserError } from '../../errors.js';
import { MEDIATYPE_DOCKER_MANIFEST, MEDIATYPE_OCI_LAYER_TAR } from '../../types/oci/media-types.js';
import { indexArchive, indexIfPlainTar, resolveMember } from '../archive-file.js';
import { asConfig, parseJson } from '../parse.js';
import type { ImageSourceKind, LayerRef, OpenedImage, SourceContext } from '../source.js';
import { readAll } from '../stream-utils.js';

/** One entry of a docker-archive's `manifest.json` (`docker save`, `podman save`, skopeo). */
interface DockerArchiveEntry {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

const MAX_META_BYTES = 64 << 20;

/**
 * `docker save` / `podman save` tarballs: `manifest.json` naming a config JSON and one tar per
 * layer (`<id>/layer.tar`, or `blobs/sha256/<hex>` since Docker 25). The archive is indexed by
 * its headers and each layer is then read by offset, so layers stream in parallel and nothing
 * is unpacked. A gzip- or zstd-compressed archive (`docker save | gzip`) is first decompressed
 * once into the scan's temporary directory, since a compressed tar has no random access.
 */
export const dockerArchiveSource: ImageSourceKind = {
  kind: 'docker-archive',
  description: 'a `docker save` or `podman save` tarball (plain, gzip or zstd)',
  async sniff(path) {
    try {
      const members = await indexIfPlainTar(path);
      return members?.has('manifest.json') ?? false;
    } catch {
      return false;
    }
  },
  open: openDockerArchive,
};

async function openDockerArchive(location: string, ctx: SourceContext): Promise<OpenedImage> {
  const where = { file: location };
  const { tarPath, members } = await indexArchive(location, ctx.tmpDir, 'docker-archive');
  const readMember = async (name: string): Promise<Buffer> => {
    const m = resolveMember(members, name);
    if (!m) throw new UserError(messages.entryMissing(name), where);
    return readAll(
      createReadStream(tarPath, { start: m.offset, end: m.offset + m.size - 1 }),
      MAX_META_BYTES,
    );
  };
  if (!members.has('manifest.json')) throw new UserError(messages.notAnImage(), where);
  const entries = parseJson(await readMember('manifest.json'), 'manifest.json', {
    file: `${location}:manifest.json`,
  });
  const entry = checkEntries(entries, location);
  const configBytes = await readMember(entry.Config);
  const config = asConfig(parseJson(configBytes, 'image config', { file: `${location}:${entry.Config}` }), {
    file: `${location}:${entry.Config}`,
  });
  const diffIds = config.rootfs.diff_ids;
  if (diffIds.length !== entry.Layers.length)
    throw new UserError(messages.layerCountMismatch(entry.Layers.length, diffIds.length), where);
  const layers: LayerRef[] = entry.Layers.map((name, i) => {
    const m = resolveMember(members, name);
    if (!m) throw new UserError(messages.entryMissing(name), where);
    const blob = /^blobs\/(sha256|sha512)\/([0-9a-f]+)$/.exec(m.name.replace(/^\.\//, ''));
    return {
      digest: blob ? `${blob[1]}:${blob[2]}` : diffIds[i]!,
      diffId: diffIds[i]!,
      mediaType: MEDIATYPE_OCI_LAYER_TAR,
      size: m.size,
      verifiesDigest: false,
      open: async () =>
        m.size === 0
          ? Readable.from([])
          : createReadStream(tarPath, {
              start: m.offset,
              end: m.offset + m.size - 1,
              highWaterMark: 1 << 20,
            }),
    };
  });
  const configHex = /([0-9a-f]{64})(?:\.json)?$/.exec(entry.Config)?.[1];
  return {
    source: 'docker-archive',
    manifest: {
      schemaVersion: 2,
      mediaType: MEDIATYPE_DOCKER_MANIFEST,
      config: {
        mediaType: 'application/vnd.docker.container.image.v1+json',
        digest: `sha256:${configHex ?? ''}`,
        size: configBytes.length,
      },
      layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size ?? 0 })),
    },
    config,
    configDigest: configHex ? `sha256:${configHex}` : '',
    repoTags: entry.RepoTags ?? [],
    layers,
    close: async () => {},
  };
}

function checkEntries(v: unknown, location: string): DockerArchiveEntry {
  const where = { file: `${location}:manifest.json` };
  if (!Array.isArray(v) || v.length === 0)
    throw new UserError(messages.fieldInvalid('manifest.json', '(root)', 'a non-empty array'), where);
  const e = v[0] as Record<string, unknown>;
  if (typeof e?.Config !== 'string')
    throw new UserError(messages.fieldMissing('manifest.json', 'Config'), where);
  if (!Array.isArray(e.Layers) || e.Layers.some((l) => typeof l !== 'string'))
    throw new UserError(messages.fieldMissing('manifest.json', 'Layers'), where);
  return e as unknown as DockerArchiveEntry;
}
