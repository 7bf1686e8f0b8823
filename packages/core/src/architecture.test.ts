import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { coreSrc, repoRoot } from './testing/index.js';

// The shape of core (docs/adr/0012-layer-visitors.md): top-level folders (and root files) import
// each other without cycles, each only from the layers below it; test support stays in
// `testing/` and never reaches library code or the bundles.

/** Library code: `.ts` files outside tests, fixtures and the test-support folder. */
function libraryFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'testdata' && name !== 'testing') out.push(...libraryFiles(p));
    } else if (name.endsWith('.ts') && !/\.(i?test|d)\.ts$/.test(name)) out.push(p);
  }
  return out;
}

/** Relative import specifiers of a file, static and dynamic, with what they resolve to. */
function imports(file: string): { spec: string; target: string }[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .map((spec) => ({ spec, target: spec.startsWith('.') ? resolve(dirname(file), spec) : spec }));
}

const src = coreSrc();
/** A file's node: its top-level folder, or the root file's own name (`scan`, `errors`). */
const nodeOf = (path: string) =>
  relative(src, path)
    .split(sep)[0]!
    .replace(/\.[jt]s$/, '');

type Graph = Map<string, Map<string, string>>;

/** Edges between nodes, each with one `file → import` that makes it. */
function coreGraph(): Graph {
  const g: Graph = new Map();
  for (const f of libraryFiles(src)) {
    const from = nodeOf(f);
    for (const { spec, target } of imports(f)) {
      if (!spec.startsWith('.')) continue;
      const to = nodeOf(target);
      if (to === from) continue;
      if (!g.has(from)) g.set(from, new Map());
      if (!g.get(from)!.has(to)) g.get(from)!.set(to, `${relative(src, f)} → ${spec}`);
    }
  }
  return g;
}

/** Strongly connected components with more than one node (Tarjan): each is a cycle. */
function cycles(g: Graph): string[][] {
  let n = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, n);
    low.set(v, n++);
    stack.push(v);
    for (const w of g.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    for (let w = ''; w !== v;) scc.push((w = stack.pop()!));
    if (scc.length > 1) out.push(scc.sort());
  };
  for (const v of g.keys()) if (!index.has(v)) visit(v);
  return out;
}

const FOUNDATION = [
  'types',
  'ecosystems',
  'errors',
  'logger',
  'env',
  'version',
  'finding-id',
  'severity-order',
  'dockerfile',
];

/**
 * What each node may import. `image/` is the bottom stage: it knows files, not what they mean.
 * `vulndb/` reads archives with image's stream helpers. `scan` and `index` compose everything.
 */
const ALLOWED: Record<string, readonly string[]> = {
  ecosystems: [],
  types: ['ecosystems'],
  errors: [],
  logger: [],
  env: [],
  version: [],
  'finding-id': ['types'],
  'severity-order': ['types'],
  dockerfile: [],
  image: FOUNDATION,
  catalog: ['image', ...FOUNDATION],
  checks: ['image', ...FOUNDATION],
  vulndb: ['image', ...FOUNDATION],
  match: ['vulndb', ...FOUNDATION],
  policy: FOUNDATION,
  report: FOUNDATION,
  // publish/ is the top of the library below scan: it reads reports back (policy/report-file),
  // renders the comment and CI texts (report/), and tells an image from a report (image/)
  publish: ['policy', 'report', 'image', ...FOUNDATION],
  // applies the policy's provenance rules: reads registries (image), ELF magic (catalog)
  provenance: ['image', 'catalog', 'policy', ...FOUNDATION],
  scan: ['*'],
  index: ['*'],
};

test('architecture: no import cycle between core folders', () => {
  const g = coreGraph();
  const found = cycles(g).map((c) => {
    const edges = c.flatMap((a) => c.filter((b) => g.get(a)?.has(b)).map((b) => `  ${g.get(a)!.get(b)}`));
    return `${c.join(' ⇄ ')}\n${edges.join('\n')}`;
  });
  assert.deepEqual(found, [], `import cycles:\n${found.join('\n')}`);
});

test('architecture: each core folder imports only the layers below it (image imports nothing above it)', () => {
  const g = coreGraph();
  const bad: string[] = [];
  for (const [from, tos] of g) {
    const allowed = ALLOWED[from];
    if (!allowed) {
      bad.push(`${from}: a new top-level node; add it to ALLOWED with the layers it may import`);
      continue;
    }
    for (const [to, where] of tos) if (!allowed.includes('*') && !allowed.includes(to)) bad.push(where);
  }
  assert.deepEqual(bad, []);
});

/** Every non-test `.ts` file under `packages/<name>/src`, outside `testing/`. */
function allLibraryFiles(): string[] {
  const pkgs = join(repoRoot(), 'packages');
  return readdirSync(pkgs)
    .map((p) => join(pkgs, p, 'src'))
    .filter((d) => existsSync(d))
    .flatMap(libraryFiles);
}

/** String literals in a file's code (comments are not code). */
function stringLiterals(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  const walk = (n: ts.Node) => {
    if (ts.isStringLiteralLike(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n))
      out.push(n.text);
    ts.forEachChild(n, walk);
  };
  walk(sf);
  return out;
}

test('architecture: no library file imports test support or names the shared test data', () => {
  const bad: string[] = [];
  for (const f of allLibraryFiles()) {
    const at = relative(repoRoot(), f);
    for (const { spec, target } of imports(f)) {
      if (/(^|[\\/])testing([\\/]|$)/.test(relative(repoRoot(), target)) || spec === '@tidegate/core/testing')
        bad.push(`${at} imports ${spec}`);
      if (/\.i?test(\.js)?$/.test(spec)) bad.push(`${at} imports the test ${spec}`);
    }
    for (const s of stringLiterals(f))
      if (/(^|\/)\.\.\/shared(\/|$)|TIDEGATE_REPO_ROOT/.test(s)) bad.push(`${at} names ${JSON.stringify(s)}`);
  }
  assert.deepEqual(bad, []);
});

test('architecture: the published core package leaves test support out', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot(), 'packages', 'core', 'package.json'), 'utf8')) as {
    files: string[];
  };
  assert.ok(
    pkg.files.includes('!build/testing/**'),
    'packages/core/package.json `files` must exclude build/testing/',
  );
});

/** The tidegate modules (not node_modules) esbuild put into each bundle, from its metafile or source map. */
/**
 * The modules each bundle is built from, from esbuild's metafile: both build scripts build in
 * memory (no metafile or source map is written next to the bundles, issue 14).
 */
async function bundledModules(): Promise<{ bundle: string; modules: string[] }[]> {
  const root = repoRoot();
  const built = async (pkg: string) => {
    const url = pathToFileURL(join(root, 'packages', pkg, 'build.mjs')).href;
    const { bundle } = (await import(url)) as {
      bundle(): Promise<{ metafile: { inputs: Record<string, unknown> } }>;
    };
    return Object.keys((await bundle()).metafile.inputs).filter((p) => !p.includes('node_modules'));
  };
  return [
    { bundle: 'packages/github-action/dist/index.js', modules: await built('github-action') },
    { bundle: 'packages/cli/dist/tidegate.mjs', modules: await built('cli') },
  ];
}

test('architecture: the CLI and Action bundles contain no test support, tests or test data', async () => {
  for (const { bundle, modules } of await bundledModules()) {
    assert.ok(
      modules.some((m) => /core\/(build|src)\/scan\.[jt]s$/.test(m)),
      `${bundle}: the scan is in it`,
    );
    const bad = modules.filter((m) => /(^|\/)(testing|testdata)\/|\.i?test\.[jt]s$/.test(m));
    assert.deepEqual(bad, [], `${bundle} bundles test support`);
  }
});
