#!/usr/bin/env node
// Builds examples/out/demo-image.tar, a `docker save` archive of the example image, from the plain
// files under examples/image/. The archive is rebuilt rather than committed so the fixture stays
// reviewable as text, and it is byte-for-byte reproducible so its digests never change between runs.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import tarStream from 'tar-stream';

const here = dirname(fileURLToPath(import.meta.url));
const imageDir = join(here, 'image');
export const defaultOutPath = join(here, 'out', 'demo-image.tar');

// One fixed time and owner for every entry: anything taken from the checkout (mtimes, uid, umask)
// would change the layer digests from one machine to the next.
const CREATED = '2023-10-01T00:00:00Z';
const MTIME = new Date(CREATED);
const owner = { uid: 0, gid: 0, uname: 'root', gname: 'root', mtime: MTIME };

const LAYERS = [
  { dir: 'base', createdBy: '/bin/sh -c #(nop) ADD file:debian-12-base in / ' },
  { dir: 'app', createdBy: 'COPY app /app # buildkit', comment: 'buildkit.dockerfile.v0' },
];

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Relative POSIX paths of every file under `dir`. */
async function listFiles(dir, prefix = '') {
  const out = [];
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (e.isFile()) out.push(rel);
  }
  return out;
}

/** Packs entries (already in order) into one tar, in memory: the layers are a few kB. */
async function tarOf(entries) {
  const pack = tarStream.pack();
  const chunks = [];
  pack.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const { header, body } of entries) {
    await new Promise((resolve, reject) =>
      pack.entry(header, body, (err) => (err ? reject(err) : resolve())),
    );
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/**
 * One layer tar from examples/image/<dir>. Git cannot carry symlinks portably, so a link is kept
 * as a plain copy of its target in the checkout and named in symlinks.json; the copy must match.
 */
async function buildLayer(dir, symlinks) {
  const root = join(imageDir, dir);
  const files = await listFiles(root);
  const paths = new Map(); // path -> entry; directories are implied by the files below them
  for (const file of files) {
    for (let i = file.indexOf('/'); i !== -1; i = file.indexOf('/', i + 1)) {
      const d = file.slice(0, i);
      paths.set(d, { header: { name: `${d}/`, type: 'directory', mode: 0o755, ...owner } });
    }
    const body = await readFile(join(root, file));
    const link = symlinks[file];
    if (link !== undefined) {
      const target = join(dirname(join(root, file)), link);
      const targetBody = await readFile(target).catch(() => undefined);
      if (!targetBody || !targetBody.equals(body))
        throw new Error(`examples/image/${dir}/${file} must be an exact copy of its symlink target ${link}`);
      paths.set(file, { header: { name: file, type: 'symlink', linkname: link, mode: 0o777, ...owner } });
    } else {
      paths.set(file, {
        header: { name: file, type: 'file', mode: 0o644, size: body.length, ...owner },
        body,
      });
    }
  }
  for (const file of Object.keys(symlinks))
    if (!paths.has(file))
      throw new Error(`symlinks.json names ${dir}/${file}, which is not in examples/image/${dir}`);
  // Code-point order puts every directory right before its own children, as tar readers expect.
  const sorted = [...paths.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return tarOf(sorted.map((p) => paths.get(p)));
}

/** Builds the archive at `outPath` (written to a temp file, then renamed, so readers never see half of it). */
export async function buildDemoImage(outPath = defaultOutPath) {
  const symlinks = JSON.parse(await readFile(join(imageDir, 'symlinks.json'), 'utf8'));
  const layers = [];
  for (const l of LAYERS) {
    const tar = await buildLayer(l.dir, symlinks[l.dir] ?? {});
    layers.push({ ...l, tar, diffId: `sha256:${sha256(tar)}` });
  }

  const config = {
    architecture: 'amd64',
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['node', '/app/index.js'],
      WorkingDir: '/app',
      // a non-root user and a health check, as a well-built image has: the demo is about the
      // vulnerabilities it carries, and the image checks have images of their own in the tests
      User: '1000:1000',
      Healthcheck: { Test: ['CMD', 'node', '/app/index.js', '--health'], Interval: 30000000000 },
    },
    created: CREATED,
    history: [
      ...layers.map((l) => ({
        created: CREATED,
        created_by: l.createdBy,
        ...(l.comment ? { comment: l.comment } : {}),
      })),
      { created: CREATED, created_by: '/bin/sh -c #(nop)  USER 1000:1000', empty_layer: true },
      {
        created: CREATED,
        created_by:
          '/bin/sh -c #(nop)  HEALTHCHECK &{["CMD" "node" "/app/index.js" "--health"] "30s" "0s" "0s" "0s" \'\\x00\'}',
        empty_layer: true,
      },
      { created: CREATED, created_by: '/bin/sh -c #(nop)  CMD ["node" "/app/index.js"]', empty_layer: true },
    ],
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
  };
  const configBytes = Buffer.from(JSON.stringify(config));
  const configName = `${sha256(configBytes)}.json`;

  // Legacy `docker save` layout: one directory per layer, named by a v1 id. Docker derives that id
  // from the layer chain; hashing parent id + diff id the same way keeps it stable and unique.
  const entries = [];
  let parent = '';
  for (const l of layers) {
    l.v1Id = sha256(`${parent} ${l.diffId}`);
    const v1 = { id: l.v1Id, ...(parent ? { parent } : {}), created: CREATED, os: 'linux' };
    const v1Bytes = Buffer.from(JSON.stringify(v1));
    entries.push(
      { header: { name: `${l.v1Id}/`, type: 'directory', mode: 0o755, ...owner } },
      { header: { name: `${l.v1Id}/VERSION`, size: 3, mode: 0o644, ...owner }, body: Buffer.from('1.0') },
      { header: { name: `${l.v1Id}/json`, size: v1Bytes.length, mode: 0o644, ...owner }, body: v1Bytes },
      { header: { name: `${l.v1Id}/layer.tar`, size: l.tar.length, mode: 0o644, ...owner }, body: l.tar },
    );
    parent = l.v1Id;
  }
  const manifest = Buffer.from(
    JSON.stringify([
      { Config: configName, RepoTags: ['example-app:1.0'], Layers: layers.map((l) => `${l.v1Id}/layer.tar`) },
    ]),
  );
  const repositories = Buffer.from(JSON.stringify({ 'example-app': { '1.0': parent } }));
  entries.push(
    { header: { name: configName, size: configBytes.length, mode: 0o644, ...owner }, body: configBytes },
    { header: { name: 'manifest.json', size: manifest.length, mode: 0o644, ...owner }, body: manifest },
    {
      header: { name: 'repositories', size: repositories.length, mode: 0o644, ...owner },
      body: repositories,
    },
  );
  const archive = await tarOf(entries);

  await mkdir(dirname(outPath), { recursive: true });
  const tmp = `${outPath}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, archive);
    await rename(tmp, outPath);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return { path: outPath, config: `sha256:${sha256(configBytes)}`, diffIds: layers.map((l) => l.diffId) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = process.argv[2] ?? defaultOutPath;
  buildDemoImage(out).then(
    (r) =>
      console.log(
        `build-image: wrote ${r.path} (config ${r.config.slice(0, 19)}…, ${r.diffIds.length} layers)`,
      ),
    (err) => {
      console.error(`build-image: ${err.message}`);
      process.exit(1);
    },
  );
}
