/**
 * One resolved entry of a yarn.lock: the specs that resolve to it, the package and version,
 * and the specs of its dependencies (edges for the development-dependency walk).
 */
export interface YarnEntry {
  specs: string[];
  name: string;
  version: string;
  deps: string[];
  /** Local code (berry `workspace:`/`link:`/`portal:`): the project's own, not a dependency. */
  local: boolean;
}

/** `@s/a@^1` → `['@s/a', '^1']`: the `@` that separates is the first one after position 0. */
export function splitSpec(spec: string): [string, string] {
  const i = spec.indexOf('@', 1);
  return i < 0 ? [spec, ''] : [spec.slice(0, i), spec.slice(i + 1)];
}

const unquote = (s: string): string =>
  s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? JSON.parse(s) : s;

/**
 * yarn classic (v1) lockfile: yarn's own format (github.com/yarnpkg/yarn, src/lockfile/parse.js),
 * not YAML. Top-level lines list comma-separated specs and end in `:`; two-space fields follow
 * (`version "1.2.3"`), and `dependencies:` / `optionalDependencies:` blocks list `name "range"`
 * at four spaces. An alias spec `alias@npm:real@^1` installs `real`, which is what is reported.
 *
 * @throws Error naming the line when the structure is not a yarn v1 lockfile.
 */
export function parseClassic(text: string): YarnEntry[] {
  const out: YarnEntry[] = [];
  let cur: YarnEntry | undefined;
  let inDeps = false;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!line.startsWith(' ')) {
      if (!line.endsWith(':')) throw new Error(`line ${n + 1}: expected "<specs>:"`);
      const specs = line
        .slice(0, -1)
        .split(/,\s*/)
        .map((s) => unquote(s.trim()));
      cur = { specs, name: aliasTarget(specs[0]!), version: '', deps: [], local: false };
      out.push(cur);
      inDeps = false;
      continue;
    }
    if (!cur) throw new Error(`line ${n + 1}: field outside an entry`);
    const m = /^( +)("(?:[^"\\]|\\.)*"|\S+)(?:\s+(.*))?$/.exec(line);
    if (!m) throw new Error(`line ${n + 1}: cannot read`);
    const [indent, key, value] = [m[1]!.length, unquote(m[2]!.replace(/:$/, '')), m[3] ?? ''];
    if (indent === 2) {
      inDeps = key === 'dependencies' || key === 'optionalDependencies';
      if (key === 'version') cur.version = unquote(value);
    } else if (indent >= 4 && inDeps) {
      cur.deps.push(`${key}@${unquote(value)}`);
    }
  }
  return out;
}

/** The package a spec installs: `foo@^1` → `foo`; `foo@npm:bar@^1` → `bar`. */
function aliasTarget(spec: string): string {
  const [name, range] = splitSpec(spec);
  return range.startsWith('npm:') && range.includes('@', 5) ? splitSpec(range.slice(4))[0] : name;
}
