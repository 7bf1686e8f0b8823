import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What the proxy does to a matching request instead of forwarding it faithfully. */
export type FaultAction = '503' | '500' | '429' | '404' | 'reset' | 'truncate' | 'corrupt';

/** One fault: requests whose `METHOD path` matches `match` get `action`, `times` times (default: always). */
export interface Fault {
  match: RegExp;
  action: FaultAction;
  times?: number;
  /** `Retry-After` value sent with a 429. */
  retryAfter?: string;
}

/** A reverse proxy on 127.0.0.1 in front of a test registry, injecting faults on demand. */
export interface FaultProxy {
  host: string;
  /** Replace to change behaviour between tests. */
  faults: Fault[];
  /** `METHOD path -> action|status` for every request seen. */
  hits: string[];
  stop(): Promise<void>;
}

async function forward(target: string, req: IncomingMessage): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const up = request(
      `http://${target}${req.url ?? '/'}`,
      { method: req.method, headers: { ...req.headers, host: target } },
      resolve,
    );
    up.once('error', reject);
    req.pipe(up);
  });
}

async function bodyOf(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of res) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function serveFault(
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  target: string,
): Promise<void> {
  if (fault.action === 'reset') {
    req.socket.destroy();
    return;
  }
  if (fault.action !== 'truncate' && fault.action !== 'corrupt') {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (fault.retryAfter) headers['retry-after'] = fault.retryAfter;
    res
      .writeHead(Number(fault.action), headers)
      .end('{"errors":[{"code":"UNAVAILABLE","message":"injected fault"}]}');
    return;
  }
  const up = await forward(target, req);
  const body = await bodyOf(up);
  res.writeHead(up.statusCode ?? 502, up.headers);
  if (fault.action === 'corrupt') {
    if (body.length) body[body.length >> 1] ^= 0xff;
    res.end(body);
    return;
  }
  res.write(body.subarray(0, body.length >> 1), () => res.socket?.destroy());
}

/**
 * Starts the proxy on a free loopback port forwarding to `target` (`127.0.0.1:PORT`). Faults
 * cover what registries and networks do to clients: 5xx, 429 with `Retry-After`, a connection
 * reset before any answer, a blob cut off halfway, and a blob with one byte changed.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const state: { faults: Fault[]; hits: string[] } = { faults: [], hits: [] };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    const fault = state.faults.find((f) => f.match.test(line) && (f.times === undefined || f.times > 0));
    if (fault?.times !== undefined) fault.times--;
    state.hits.push(`${line} -> ${fault?.action ?? 'pass'}`);
    const work = fault
      ? serveFault(fault, req, res, target)
      : forward(target, req).then((up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        });
    work.catch(() => res.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    host: `127.0.0.1:${port}`,
    get faults() {
      return state.faults;
    },
    set faults(f: Fault[]) {
      state.faults = f;
    },
    hits: state.hits,
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
