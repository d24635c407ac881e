/**
 * A delaying HTTP proxy on loopback, put in front of the SES emulator: each request waits before
 * it is forwarded, and the first `throttle` requests are refused the way SES refuses when its
 * sending rate is exceeded (400 `Throttling`).
 */
import { createServer, type Server } from 'node:http';

export interface SlowProxy {
  url: string;
  setDelay(ms: number): void;
  /** Refuse the next `n` requests with SES's throttling error. */
  throttleNext(n: number): void;
  /** Requests refused so far. */
  refused(): number;
  stop(): Promise<void>;
}

export async function startSlowProxy(target: string): Promise<SlowProxy> {
  let delayMs = 0;
  let throttle = 0;
  let refused = 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    await new Promise((r) => setTimeout(r, delayMs));
    if (throttle > 0) {
      throttle--;
      refused++;
      res.writeHead(400, { 'content-type': 'text/xml' });
      res.end(
        '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Maximum sending rate exceeded.</Message></Error><RequestId>slow-proxy</RequestId></ErrorResponse>',
      );
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length'),
    ) as Record<string, string>;
    const upstream = await fetch(new URL(req.url ?? '/', target), {
      method: req.method ?? 'GET',
      headers,
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
    });
    res.writeHead(upstream.status, Object.fromEntries(upstream.headers));
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? a.port : 0);
    }),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    setDelay: (ms) => {
      delayMs = ms;
    },
    throttleNext: (n) => {
      throttle = n;
    },
    refused: () => refused,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}
