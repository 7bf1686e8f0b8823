import type { FileMeta } from '../image/file-meta.js';
import type { LayerOrigin, Severity } from '../types/model.js';
import type { OciImageConfig } from '../types/oci/config.js';

/**
 * The check interface (issue 10). A check is a plugin like a cataloger (STYLE rules 2 and 4):
 * one file each, listed in `checks/registry.ts`. Three kinds, by what they need to see:
 * - `config`: the image config and history (CIS Docker Benchmark 4.1, 4.6, 4.7, 4.9, 4.10);
 * - `files`: file metadata (paths, modes, owners) of the merged view or of every layer (4.8);
 * - `content`: the bytes of text files, seen once while each layer streams (secret rules).
 */
export type CheckKind = 'config' | 'files' | 'content';

interface CheckBase {
  /** Stable id (`TG-CIS-4.1`, `TG-SECRET-github-token`); part of every finding id, never reused. */
  id: string;
  /** Bump whenever the same image would give different hits (cache keys include it, rule 5). */
  version: number;
  title: string;
  severity: Severity;
  /** CIS Docker Benchmark recommendation, when one exists (`4.1`). */
  cis?: string;
  /** Dockle checkpoints covering the same ground, for users switching (docs/checks.md). */
  dockle?: readonly string[];
  /** One line telling the image's author how to fix it. */
  remediation: string;
  /** The kind of finding a hit becomes; the policy gates each kind with its own rule. */
  finding: 'misconfiguration' | 'secret';
}

/** One problem a check found. Never holds a secret in full: `evidence` is redacted. */
export interface CheckHit {
  /**
   * What the finding points at, and part of its id: an image path (`app/.env`), or a config
   * field (`config.User`, `config.Env.DB_PASSWORD`, `history[3]`).
   */
  location: string;
  /** One sentence saying what is wrong here. */
  detail: string;
  /** Redacted evidence (`ghp_…x9Qz`, a mode, a count). */
  evidence?: string;
  /** 1-based line, for hits in file contents. */
  line?: number;
  /** 0-based layer the hit is attributed to (files and content checks). */
  layerIndex?: number;
  /** 0-based history entry (config checks); attributed to the layer it created, if any. */
  historyIndex?: number;
  /** Set for hits in places an allowlist covers (test fixtures, third-party packages). */
  suppressed?: { by: string; reason: string };
}

/** What a config check sees. */
export interface ConfigInput {
  config: OciImageConfig;
  /** Tags the image was read under (`name:tag` from a docker-archive, `tag` from an OCI layout). */
  repoTags: readonly string[];
  layers: readonly LayerOrigin[];
  /** The content checks in use, so config values can be scanned with the same secret rules. */
  contentChecks: readonly ContentCheck[];
}

/** Sees the image config and history (CIS 4.1, 4.6, 4.7, 4.9, 4.10). */
export interface ConfigCheck extends CheckBase {
  kind: 'config';
  run(input: ConfigInput): CheckHit[];
}

/** File metadata of the merged view or of one layer. */
export interface FileTree {
  /** Metadata of `path` itself (symlinks not followed). */
  get(path: string): FileMeta | undefined;
  entries(): Iterable<[string, FileMeta]>;
  /** The layer `path`'s entry comes from. */
  layerOf(path: string): number | undefined;
}

/** Sees file metadata: paths, modes, owners, sizes (CIS 4.8, files that do not belong). */
export interface FilesCheck extends CheckBase {
  kind: 'files';
  /**
   * `image`: the merged view a container sees. `layers`: each layer's own entries, so a file a
   * later layer deleted still counts, because its bytes still ship in the image.
   */
  scope: 'image' | 'layers';
  run(tree: FileTree): CheckHit[];
}

/** One secret a content rule found in a text. */
export interface SecretMatch {
  /** Offset of the match in the text (the runner turns it into a line). */
  index: number;
  /** The secret itself: only ever passed to `redact()`, never stored or printed. */
  secret: string;
}

/** Sees the text of files while their layer streams, and values of the config (secret rules). */
export interface ContentCheck extends CheckBase {
  kind: 'content';
  finding: 'secret';
  /**
   * Literal strings, matched case-sensitively on the raw bytes before anything is decoded: a
   * file containing none of them is never searched by this rule (gitleaks' and trivy's keywords).
   */
  keywords: readonly string[];
  /** Restricts the rule to some files (image path, no leading slash); default every text file. */
  appliesTo?(path: string): boolean;
  find(text: string, path: string): SecretMatch[];
}

export type Check = ConfigCheck | FilesCheck | ContentCheck;
