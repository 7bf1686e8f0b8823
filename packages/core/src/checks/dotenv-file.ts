import { baseName, pathCheck } from './path-check.js';

/** Templates that document variables without values; they belong in images as much as in repos. */
const TEMPLATES = new Set(['.env.example', '.env.sample', '.env.template', '.env.dist', '.env.defaults']);

/** True for `.env` and `.env.<stage>` files, but not for their templates. */
export function isDotenv(path: string): boolean {
  const base = baseName(path);
  return (base === '.env' || base.startsWith('.env.')) && !TEMPLATES.has(base);
}

/**
 * A dotenv file (`.env`, `.env.production`) copied into the image: it exists to keep
 * configuration, usually credentials, out of the build. CIS Docker Benchmark 4.10.
 */
export const dotenvFile = pathCheck({
  id: 'TG-FILE-dotenv',
  title: 'Dotenv file in the image',
  severity: 'medium',
  cis: '4.10',
  dockle: ['CIS-DI-0010'],
  remediation: 'Add .env* to .dockerignore and provide configuration at run time.',
  matches: (path) => isDotenv(path),
  detail: (path) => `${baseName(path)} is a dotenv file, which usually holds credentials`,
});
