/** One module line of modinfo: `mod` (the main module) or `dep`, after any `=>` replacement. */
export interface GoModule {
  path: string;
  version: string;
  sum?: string;
  /** The module it replaced, when an `=>` line followed (the replacement is what was built). */
  replaces?: { path: string; version: string };
}

/** The module graph a Go binary was built from. */
export interface ModInfo {
  /** `path` line: the main package's import path. */
  path?: string;
  main?: GoModule;
  deps: GoModule[];
  /** `build` lines (`-ldflags`, `GOOS`, `vcs.revision`…). */
  settings: Record<string, string>;
}

/**
 * Parses the modinfo text `go version -m` prints (Go's `runtime/debug.ParseBuildInfo`):
 * tab-separated lines `path P`, `mod P V [SUM]`, `dep P V [SUM]`, `=> P V [SUM]` (replaces
 * the line before it) and `build K=V`. Unknown lines are ignored, as Go ignores them.
 */
export function parseModInfo(text: string): ModInfo {
  const info: ModInfo = { deps: [], settings: {} };
  let last: GoModule | undefined;
  for (const line of text.split('\n')) {
    const [kind, ...f] = line.split('\t');
    if (kind === 'path' && f[0]) info.path = f[0];
    else if ((kind === 'mod' || kind === 'dep') && f[0]) {
      last = { path: f[0], version: f[1] ?? '', ...(f[2] ? { sum: f[2] } : {}) };
      if (kind === 'mod') info.main = last;
      else info.deps.push(last);
    } else if (kind === '=>' && last && f[0]) {
      const replaced = { path: last.path, version: last.version };
      last.path = f[0];
      last.version = f[1] ?? '';
      if (f[2]) last.sum = f[2];
      else delete last.sum;
      last.replaces = replaced;
    } else if (kind === 'build' && f[0]) {
      const eq = f[0].indexOf('=');
      if (eq > 0) info.settings[f[0].slice(0, eq)] = f[0].slice(eq + 1);
    }
  }
  return info;
}

/**
 * The toolchain version as the OSV Go ecosystem's `stdlib` package writes it: `go1.20.5` →
 * `1.20.5`, `go1.21` → `1.21.0`, `go1.21rc2` → `1.21.0-rc.2`, `go1.15beta1` → `1.15.0-beta.1`
 * (golang.org/x/vuln `GoTagToSemver`). Experiment suffixes (`go1.20 X:boringcrypto`) are dropped.
 * `undefined` for devel toolchains, which have no release version.
 */
export function stdlibVersion(goVersion: string): string | undefined {
  const m = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(beta|rc)(\d+))?(?:\s|$)/.exec(goVersion.trim());
  if (!m) return undefined;
  const base = `${m[1]}.${m[2]}.${m[3] ?? '0'}`;
  return m[4] ? `${base}-${m[4]}.${m[5]}` : base;
}
