import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tool } from './tools.js';

/** Podman's Docker-compatible API service on a unix socket, with its own throw-away storage. */
export interface TestDaemon {
  /** `unix:///…/podman.sock`, for `DOCKER_HOST`. */
  dockerHost: string;
  /** Loads a docker-archive into this daemon's storage (`podman load`). */
  load(archive: string): Promise<void>;
  stop(): Promise<void>;
}

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping' }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('error', () => resolve(false));
    req.end();
  });
}

/**
 * Starts `podman system service --time=0 unix://SOCK` with `--root`/`--runroot` in a fresh
 * temporary directory and the vfs storage driver (no overlay mounts needed), so tests never touch
 * the machine's images. `stop()` ends the service and deletes its storage.
 */
export async function startPodmanService(): Promise<TestDaemon> {
  const dir = await mkdtemp(join(tmpdir(), 'tidegate-podman-'));
  const socket = join(dir, 'podman.sock');
  const global = [
    '--root',
    join(dir, 'root'),
    '--runroot',
    join(dir, 'run'),
    '--storage-driver',
    'vfs',
    '--events-backend',
    'file',
  ];
  const child = spawn('podman', [...global, 'system', 'service', '--time=0', `unix://${socket}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-10_000)));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; !(await ping(socket)); i++) {
    if (i >= 100 || child.exitCode !== null) {
      await stop();
      throw new Error(`podman system service did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    dockerHost: `unix://${socket}`,
    load: async (archive) => void (await tool('podman', [...global, 'load', '-q', '-i', archive])),
    stop,
  };
}
