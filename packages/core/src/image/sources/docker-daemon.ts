import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { EnvVar } from '../../env.js';
import { messages, UserError } from '../../errors.js';
import { errorDetail, request, type HttpResponse } from '../distribution/http.js';
import { parseImageName } from '../reference.js';
import { ImageNotHereError, type ImageSourceKind, type OpenedImage, type SourceContext } from '../source.js';
import { dockerArchiveSource } from './docker-archive.js';

/** Where the daemon listens when `DOCKER_HOST` is unset (Docker's default). */
export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';

/** A parsed `DOCKER_HOST`: a unix socket, or plain HTTP over TCP. */
export interface DaemonEndpoint {
  socketPath?: string;
  base: URL;
  /** As the user wrote it, for messages. */
  display: string;
}

/**
 * Parses `DOCKER_HOST` (`unix:///path`, `tcp://host:port`). TLS (`DOCKER_TLS_VERIFY`), `ssh://`
 * and `npipe://` are refused with a clear message rather than half supported.
 */
export function parseDockerHost(env: Record<string, string | undefined>): DaemonEndpoint {
  const display = env[EnvVar.DOCKER_HOST] || DEFAULT_DOCKER_HOST;
  if (display.startsWith('unix://'))
    return { socketPath: display.slice('unix://'.length), base: new URL('http://docker/'), display };
  if (display.startsWith('tcp://') && !env.DOCKER_TLS_VERIFY)
    return { base: new URL(`http://${display.slice('tcp://'.length).replace(/\/.*$/, '')}/`), display };
  throw new UserError(messages.dockerHostUnsupported(display));
}

/** `alpine` → `alpine:latest` (without a tag, the export would hold every tag of the repository). */
function exportName(location: string): string {
  const n = parseImageName(location);
  if (!n) throw new UserError(messages.unknownReference(location));
  return n.tag || n.digest ? location : `${location}:latest`;
}

const GONE = new Set(['ENOENT', 'ECONNREFUSED', 'EACCES', 'EPERM', 'ENOTSOCK']);

async function requestExport(name: string, ep: DaemonEndpoint): Promise<HttpResponse> {
  // Docker Engine API, "Export an image": GET /images/{name}/get returns a docker-archive tar.
  const url = new URL(`images/${encodeURI(name)}/get`, ep.base);
  let res: HttpResponse;
  try {
    res = await request(url, {
      ...(ep.socketPath ? { socketPath: ep.socketPath } : {}),
      idleTimeoutMs: 300_000,
    });
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    const detail = `${code || 'error'}: ${(err as Error).message}`;
    if (GONE.has(code))
      throw new ImageNotHereError(messages.daemonUnreachable(ep.display, detail), {}, { cause: err });
    throw new UserError(messages.daemonUnreachable(ep.display, detail), {}, { cause: err });
  }
  if (res.status === 404) {
    res.body.resume();
    throw new ImageNotHereError(messages.daemonImageNotFound(name, ep.display));
  }
  if (res.status !== 200)
    throw new UserError(messages.daemonStatus(name, res.status, await errorDetail(res)));
  return res;
}

/**
 * An image in the local Docker daemon (or Podman's Docker-compatible service), exported through
 * the Engine API's `GET /images/{name}/get` over `DOCKER_HOST`.
 *
 * The export stream is spooled into the scan's temporary directory and then read as a
 * docker-archive. Streaming it straight into the walker would save that disk write, but the
 * archive's order is the daemon's choice (Docker writes `manifest.json` and the config after the
 * layers), so layers would have to be walked before the diffIDs and history that label them are
 * known, and one at a time; from a file, the docker-archive source indexes the tar and reads the
 * layers in parallel by offset, with the same code that serves `docker save` files.
 */
export const dockerDaemonSource: ImageSourceKind = {
  kind: 'docker-daemon',
  description:
    'an image in the local Docker daemon or Podman service (docker-daemon:NAME[:TAG], or a bare NAME)',
  open: openFromDaemon,
};

async function openFromDaemon(location: string, ctx: SourceContext): Promise<OpenedImage> {
  const ep = parseDockerHost(ctx.env ?? process.env);
  const name = exportName(location);
  ctx.logger.debug(`docker-daemon: exporting ${name} from ${ep.display}`);
  const res = await requestExport(name, ep);
  const path = join(ctx.tmpDir, 'daemon-export.tar');
  try {
    await pipeline(res.body, createWriteStream(path, { highWaterMark: 1 << 20 }));
  } catch (err) {
    throw new UserError(
      messages.daemonStatus(name, 200, `the export stream broke: ${(err as Error).message}`),
      {},
      { cause: err },
    );
  }
  const image = await dockerArchiveSource.open(path, ctx);
  return { ...image, source: 'docker-daemon' };
}
