/**
 * A local stand-in for Slack's servers: it answers the Web API methods Bosun calls, records every
 * call, and (optionally) prints what the bot posted as readable text. `SLACK_API_URL` points here
 * in `bosun dev` and in tests. Slash commands' `response_url`s point at `/response/<id>`.
 */
import { randomUUID } from 'node:crypto';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { renderMessage } from './render-blocks';

/** One recorded Web API or response_url call. */
export interface SinkCall {
  seq: number;
  method: string;
  args: Record<string, unknown>;
  at: string;
  /** The message ts the sink gave a posted message (chat.postMessage). */
  ts?: string;
}

/**
 * A file uploaded the way `files.uploadV2` does it: `files.getUploadURLExternal` (name, length),
 * the bytes posted to the upload URL, then `files.completeUploadExternal` (title, channel, comment).
 */
export interface SinkFile {
  id: string;
  filename: string;
  title?: string | undefined;
  /** Where it was shared (`channel_id` of the completion), once completed. */
  channel?: string | undefined;
  initialComment?: string | undefined;
  bytes?: Uint8Array | undefined;
  completed: boolean;
}

/** A running sink. */
export interface SlackSink {
  url: string;
  apiUrl: string;
  port: number;
  calls(): SinkCall[];
  /** Files uploaded through `files.uploadV2`, oldest first. */
  files(): SinkFile[];
  clear(): void;
  /** Makes every call wait `ms` before it is answered, as a slow Slack would. */
  setDelay(ms: number): void;
  stop(): Promise<void>;
}

function parseArgs(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** Describes a call in one readable paragraph. */
export function describeCall(c: SinkCall): string {
  const a = c.args;
  const where = [
    a.channel,
    a.user ? `to ${String(a.user)}` : '',
    a.thread_ts ? `thread ${String(a.thread_ts)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const body = renderMessage(a);
  const view =
    typeof a.view === 'object' && a.view !== null ? renderMessage(a.view as Record<string, unknown>) : '';
  return `--- ${c.method}${where ? ` (${where})` : ''}\n${body || view}`;
}

/** The sink's HTTP app, exported for tests that want it without a socket. */
export function createSlackSinkApp(opts: { print?: (s: string) => void } = {}) {
  const calls: SinkCall[] = [];
  const files = new Map<string, SinkFile>();
  let fileSeq = 0;
  /** How long each call waits before it is answered (a slow Slack); recorded on arrival. */
  let delayMs = 0;
  const slow = () => (delayMs > 0 ? new Promise((r) => setTimeout(r, delayMs)) : undefined);
  let seq = 0;
  let ts = 1_700_000_000;
  const nextTs = () => `${++ts}.000100`;
  const record = (method: string, args: Record<string, unknown>) => {
    const call: SinkCall = { seq: ++seq, method, args, at: new Date().toISOString() };
    calls.push(call);
    opts.print?.(describeCall(call));
    return call;
  };
  const app = new Hono();
  app.post('/api/:method', async (c) => {
    const method = c.req.param('method');
    const args = parseArgs(c.req.header('content-type') ?? '', await c.req.text());
    const call = record(method, args);
    await slow();
    const channel = typeof args.channel === 'string' ? args.channel : 'C0SINK';
    switch (method) {
      case 'chat.postMessage': {
        call.ts = nextTs();
        return c.json({ ok: true, channel, ts: call.ts, message: { text: args.text } });
      }
      case 'chat.update':
        return c.json({ ok: true, channel, ts: args.ts, text: args.text });
      case 'chat.postEphemeral':
        return c.json({ ok: true, message_ts: nextTs() });
      case 'chat.getPermalink':
        return c.json({
          ok: true,
          channel,
          permalink: `https://slack.example/archives/${channel}/p${args.message_ts}`,
        });
      case 'conversations.open': {
        const users = typeof args.users === 'string' ? args.users : 'U0';
        return c.json({ ok: true, channel: { id: `D${users.replace(/^U/, '')}` } });
      }
      case 'views.open':
      case 'views.update':
      case 'views.push':
      case 'views.publish':
        return c.json({ ok: true, view: { id: `V${seq}`, ...(args.view as object) } });
      case 'files.getUploadURLExternal': {
        const id = `F${String(++fileSeq).padStart(8, '0')}`;
        files.set(id, { id, filename: String(args.filename ?? 'file'), completed: false });
        // The upload goes to the sink itself, as Slack's goes to its own upload host.
        const origin = new URL(c.req.url).origin;
        return c.json({ ok: true, upload_url: `${origin}/upload/${id}`, file_id: id });
      }
      case 'files.completeUploadExternal': {
        const list = Array.isArray(args.files) ? (args.files as { id?: string; title?: string }[]) : [];
        const done = list.flatMap((f) => {
          const file = f.id ? files.get(f.id) : undefined;
          if (!file) return [];
          file.title = f.title;
          file.channel = typeof args.channel_id === 'string' ? args.channel_id : undefined;
          file.initialComment = typeof args.initial_comment === 'string' ? args.initial_comment : undefined;
          file.completed = true;
          return [{ id: file.id, title: file.title ?? file.filename, name: file.filename }];
        });
        if (done.length !== list.length) return c.json({ ok: false, error: 'file_not_found' });
        return c.json({ ok: true, files: done });
      }
      case 'auth.test':
        return c.json({ ok: true, user_id: 'U00000BOSUN', bot_id: 'B00000BOSUN', team_id: 'T0LOCAL' });
      default:
        return c.json({ ok: true });
    }
  });
  // The upload step of `files.uploadV2`: the Web API client posts the bytes as multipart form data
  // (field `body`, or `file`); a raw body is accepted as well.
  app.post('/upload/:id', async (c) => {
    const file = files.get(c.req.param('id'));
    if (!file) return c.text('unknown upload', 404);
    const type = c.req.header('content-type') ?? '';
    let bytes: Uint8Array;
    if (type.startsWith('multipart/form-data')) {
      const form = await c.req.formData();
      const part = form.get('body') ?? form.get('file');
      bytes =
        part instanceof Blob
          ? new Uint8Array(await part.arrayBuffer())
          : new TextEncoder().encode(String(part ?? ''));
    } else {
      bytes = new Uint8Array(await c.req.arrayBuffer());
    }
    file.bytes = bytes;
    record('files.upload', { file_id: file.id, filename: file.filename, bytes: bytes.length });
    await slow();
    return c.text(`OK - ${bytes.length}`);
  });
  app.post('/response/:id', async (c) => {
    const args = parseArgs(c.req.header('content-type') ?? 'application/json', await c.req.text());
    record('response_url', { ...args, response_id: c.req.param('id') });
    await slow();
    return c.text('ok');
  });
  app.get('/calls', (c) => c.json({ calls: calls.filter((x) => x.seq > Number(c.req.query('since') ?? 0)) }));
  app.delete('/calls', (c) => {
    calls.length = 0;
    return c.json({ ok: true });
  });
  return {
    app,
    calls: () => [...calls],
    files: () => [...files.values()],
    clear: () => {
      calls.length = 0;
    },
    setDelay: (ms: number) => {
      delayMs = ms;
    },
  };
}

/** Starts the sink on a port (0 → a free one). */
export async function startSlackSink(
  opts: { port?: number; print?: (s: string) => void } = {},
): Promise<SlackSink> {
  const sink = createSlackSinkApp(opts);
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: sink.app.fetch, port: opts.port ?? 0, hostname: '127.0.0.1' }, (info) =>
      resolve(info.port),
    );
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    port,
    calls: sink.calls,
    files: sink.files,
    clear: sink.clear,
    setDelay: sink.setDelay,
    stop: () => new Promise<void>((r) => (server ? server.close(() => r()) : r())),
  };
}

/** A `response_url` on the sink, as Slack would put in a command payload. */
export function responseUrl(sinkUrl: string): string {
  return `${sinkUrl}/response/${randomUUID()}`;
}
