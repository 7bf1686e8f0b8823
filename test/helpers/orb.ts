import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '@tidegate/core/testing';
import YAML from 'yaml';

/** The orb's source folder (orb-tools layout) and the packed orb. */
export const orbDir = (): string => join(repoRoot(), 'orbs', 'tidegate');
export const orbSrc = (...parts: string[]): string => join(orbDir(), 'src', ...parts);

/** One component file of the orb source, parsed. */
export interface OrbComponent {
  kind: 'commands' | 'jobs' | 'executors' | 'examples';
  name: string;
  file: string;
  body: Record<string, unknown>;
}

export const COMPONENT_KINDS = ['commands', 'jobs', 'executors', 'examples'] as const;

/** Every YAML file under commands/, jobs/, executors/ and examples/, parsed. */
export function orbComponents(): OrbComponent[] {
  const out: OrbComponent[] = [];
  for (const kind of COMPONENT_KINDS) {
    for (const file of readdirSync(orbSrc(kind)).sort()) {
      if (!/\.ya?ml$/.test(file)) continue;
      const body = YAML.parse(readFileSync(orbSrc(kind, file), 'utf8')) as Record<string, unknown>;
      out.push({ kind, name: basename(file, extname(file)), file: `${kind}/${file}`, body });
    }
  }
  return out;
}

/** src/@orb.yml, parsed. */
export function orbRoot(): Record<string, unknown> {
  return YAML.parse(readFileSync(orbSrc('@orb.yml'), 'utf8')) as Record<string, unknown>;
}

/** A release's pins: the CLI version and the digests the install command verifies. */
export interface OrbPins {
  version: string;
  bundleSha256: string;
  npmIntegrity: string;
}

/** scripts/orb-pack.mjs, loaded (it is plain JavaScript run by node, outside the TS build). */
export interface OrbPack {
  packOrb(srcDir?: string, warn?: (m: string) => void, pins?: OrbPins): Promise<string>;
  packOrbObject(srcDir?: string, warn?: (m: string) => void, pins?: OrbPins): Record<string, unknown>;
  maybeInclude(s: string, srcDir: string): string;
  compareKeys(a: string, b: string): number;
  packedOrbPath: string;
}

export async function loadOrbPack(): Promise<OrbPack> {
  return (await import(pathToFileURL(join(repoRoot(), 'scripts', 'orb-pack.mjs')).href)) as OrbPack;
}

/** Every value in a YAML tree with its path (keys and indexes), depth first. */
export function* walk(v: unknown, path: (string | number)[] = []): Generator<[(string | number)[], unknown]> {
  yield [path, v];
  if (Array.isArray(v)) for (const [i, x] of v.entries()) yield* walk(x, [...path, i]);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) yield* walk(x, [...path, k]);
}
