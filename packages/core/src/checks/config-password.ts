import type { ContentCheck, SecretMatch } from './check.js';
import { MAX_MATCHES_PER_FILE } from './regex-rule.js';
import { isKnownPublic, isPlaceholder } from './secret-values.js';

const CONFIG_EXTENSIONS = new Set([
  'env',
  'ini',
  'cfg',
  'conf',
  'cnf',
  'properties',
  'yaml',
  'yml',
  'toml',
  'json',
]);

/** Configuration files: by extension, plus dotenv files (`.env`, `.env.production`). */
export function isConfigFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === '.env' || base.startsWith('.env.')) return true;
  const dot = base.lastIndexOf('.');
  return dot > 0 && CONFIG_EXTENSIONS.has(base.slice(dot + 1).toLowerCase());
}

/** `key = value`, `key: value`, `"key": "value"` where the key names a password or secret. */
const PAIR =
  /(?<![A-Za-z0-9_.-])(?<key>[A-Za-z0-9_.-]{0,40}(?:password|passwd|pwd|secret)[A-Za-z0-9_.-]{0,40})["']?[ \t]{0,4}[:=][ \t]{0,4}["']?(?<secret>[^\s"'#;,<>{}]{6,200})/gi;
/** Keys that name a secret without holding one (Kubernetes `secretName`, `password_file`, …). */
const NOT_A_VALUE =
  /(name|ref|file|path|dir|type|length|policy|format|mode|hash|algorithm|manager|store|provider|prompt|url|id)$/i;

function isComment(text: string, index: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', index) + 1, index).trimStart();
  return line.startsWith('#') || line.startsWith(';') || line.startsWith('//');
}

/**
 * Passwords and secrets written into configuration files (`DB_PASSWORD=…` in `.env`,
 * `password: …` in YAML, `"client_secret": "…"` in JSON). Comments, placeholders
 * (`${DB_PASSWORD}`, `changeme`, `/run/secrets/db`) and keys that only name a secret are
 * skipped. CIS Docker Benchmark 4.10.
 */
export const configPassword: ContentCheck = {
  id: 'TG-SECRET-config-password',
  version: 1,
  kind: 'content',
  finding: 'secret',
  title: 'Password in a configuration file',
  severity: 'medium',
  cis: '4.10',
  remediation: 'Read the password from the environment or a mounted secret at run time, and change it.',
  keywords: ['pass', 'PASS', 'Pass', 'pwd', 'PWD', 'secret', 'SECRET', 'Secret'],
  appliesTo: isConfigFile,
  find(text): SecretMatch[] {
    const out: SecretMatch[] = [];
    for (const m of text.matchAll(PAIR)) {
      const key = m.groups!.key!;
      const secret = m.groups!.secret!;
      if (NOT_A_VALUE.test(key) || isPlaceholder(secret) || isKnownPublic(secret)) continue;
      if (isComment(text, m.index ?? 0)) continue;
      out.push({ index: (m.index ?? 0) + m[0].lastIndexOf(secret), secret });
      if (out.length >= MAX_MATCHES_PER_FILE) break;
    }
    return out;
  },
};
