import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { EnvVar } from '../../env.js';
import { messages, UserError } from '../../errors.js';
import { DOCKER_HUB } from '../reference.js';
import type { RegistryOptions } from '../source.js';
import { runCredentialHelper } from './cred-helper.js';

/** Credentials for one registry. Secrets are never logged; `source` says where they came from. */
export interface Credentials {
  username?: string;
  password?: string;
  /** An OAuth2 refresh token (`identitytoken` in config.json, or a helper's `<token>` user). */
  identityToken?: string;
  /** A bearer token to send as is (`registrytoken` in config.json). */
  registryToken?: string;
  /** Where they came from, for `--debug`: `--username`, `TIDEGATE_REGISTRY_USERNAME`, `config.json auths`, … */
  source: string;
}

/** The parts of Docker's `config.json` that hold credentials (docker/cli `configfile.ConfigFile`). */
interface DockerConfig {
  auths?: Record<
    string,
    { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }
  >;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** The key Docker stores Docker Hub credentials under (docker/cli `registry.IndexServer`). */
export const DOCKER_HUB_SERVER_URL = 'https://index.docker.io/v1/';

/** `https://ghcr.io/v2/` → `ghcr.io`; Docker Hub's aliases → `docker.io`. */
function normaliseKey(key: string): string {
  const host = key
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? DOCKER_HUB : host;
}

async function readDockerConfig(dir: string): Promise<DockerConfig | undefined> {
  const path = join(dir, 'config.json');
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null ? (v as DockerConfig) : {};
  } catch (err) {
    throw new UserError(messages.dockerConfigInvalid(path, (err as Error).message));
  }
}

function fromAuthEntry(entry: NonNullable<DockerConfig['auths']>[string]): Credentials | undefined {
  const source = 'config.json auths';
  if (entry.registrytoken) return { registryToken: entry.registrytoken, source };
  if (entry.identitytoken) return { identityToken: entry.identitytoken, source };
  if (entry.auth) {
    const plain = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = plain.indexOf(':');
    if (colon > 0) return { username: plain.slice(0, colon), password: plain.slice(colon + 1), source };
  }
  if (entry.username && entry.password) return { username: entry.username, password: entry.password, source };
  return undefined;
}

async function fromHelper(
  helper: string,
  registry: string,
  env: Record<string, string | undefined>,
): Promise<Credentials | undefined> {
  const serverUrl = registry === DOCKER_HUB ? DOCKER_HUB_SERVER_URL : registry;
  const got = await runCredentialHelper(helper, serverUrl, env);
  if (!got) return undefined;
  const source = `docker-credential-${helper}`;
  // A username of "<token>" marks an identity token (docker/cli `credentials/native_store.go`).
  if (got.Username === '<token>') return { identityToken: got.Secret, source };
  return { username: got.Username, password: got.Secret, source };
}

/** Looks `registry` up in Docker's config: `credHelpers`, then `credsStore`, then `auths`. */
async function fromDockerConfig(
  registry: string,
  dir: string,
  env: Record<string, string | undefined>,
): Promise<Credentials | undefined> {
  const config = await readDockerConfig(dir);
  if (!config) return undefined;
  const helper = Object.entries(config.credHelpers ?? {}).find(([k]) => normaliseKey(k) === registry)?.[1];
  if (helper) return fromHelper(helper, registry, env);
  if (config.credsStore) {
    const stored = await fromHelper(config.credsStore, registry, env);
    if (stored) return stored;
  }
  const entry = Object.entries(config.auths ?? {}).find(([k]) => normaliseKey(k) === registry)?.[1];
  return entry ? fromAuthEntry(entry) : undefined;
}

/**
 * Credentials for `registry` (as in the image name: `docker.io`, `ghcr.io`, `127.0.0.1:5000`), from
 * the first of: `--username`/`--password-stdin`, `TIDEGATE_REGISTRY_USERNAME`/`_PASSWORD`, Docker's
 * `config.json` (`$DOCKER_CONFIG`, else `~/.docker`). `undefined` means anonymous.
 */
export async function resolveCredentials(
  registry: string,
  opts: RegistryOptions,
  env: Record<string, string | undefined>,
): Promise<Credentials | undefined> {
  if (opts.password !== undefined)
    return {
      ...(opts.username ? { username: opts.username } : {}),
      password: opts.password,
      source: '--username/--password-stdin',
    };
  const user = env[EnvVar.REGISTRY_USERNAME];
  const pass = env[EnvVar.REGISTRY_PASSWORD];
  if (pass) return { ...(user ? { username: user } : {}), password: pass, source: EnvVar.REGISTRY_PASSWORD };
  const dir = opts.dockerConfigDir ?? env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker');
  return fromDockerConfig(normaliseKey(registry), dir, env);
}
