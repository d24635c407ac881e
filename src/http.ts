/**
 * The one HTTP app (Hono). It serves the same routes on Lambda (Function URL events through
 * `hono/aws-lambda`) and locally (Node's HTTP server), so the tests exercise the Lambda path.
 * @see ../shared/DESIGN.md "HTTP routes"
 */
import type { ServerResponse } from 'node:http';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { BosunError, errorCodes } from './errors';
import { withResponseScope } from './jobs/after-response';
import { logger } from './log';
import type { FetchReceiver } from './slack/receiver';
import type { ReadyProbe } from './store/ready';

/** What the HTTP app routes to; parts that have not been wired are simply absent. */
export interface HttpParts {
  slack: FetchReceiver;
  /** Whether the table answers, for `GET /readyz`. */
  ready: ReadyProbe;
  /** The guest API, mounted at `/api`. */
  guestApi?: Hono;
  /** The guest pages (`/g/:code` and their static assets), mounted at `/`. */
  guestPages?: Hono;
  /** Calendar feeds, `GET /cal/<token>.ics`, mounted at `/`. */
  calendar?: Hono;
  /** A guest's calendar file, `GET /api/guest/calendar.ics`, mounted at `/api`. */
  guestCalendar?: Hono;
}

/** Slack's payloads are small; anything larger is refused before it is read. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Builds the HTTP app. */
export function createHttpApp(parts: HttpParts): Hono {
  const app = new Hono();
  // Work queued while a request is handled starts once its response is out (locally; on AWS
  // effects go to EventBridge instead).
  app.use('*', async (c, next) =>
    withResponseScope(next, (start) => {
      // @hono/node-server passes the Node response as `env.outgoing`; elsewhere it is absent.
      const out = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
      if (out && !out.writableFinished) out.once('finish', start);
      else setImmediate(start);
    }),
  );
  app.get('/healthz', (c) => c.json({ ok: true }));
  // Readiness, apart from liveness: 503 while the table does not answer, so a monitor can tell.
  app.get('/readyz', async (c) => {
    try {
      await parts.ready();
      return c.json({ ok: true });
    } catch (err) {
      logger.warn('not ready', { error: err });
      const e = err instanceof BosunError ? err : undefined;
      return c.json(
        { error: errorCodes.unavailable, message: e?.message ?? 'The table does not answer.' },
        503,
      );
    }
  });
  app.post(
    '/slack/events',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json({ error: 'invalid_input', message: 'The request body is too large.' }, 413),
    }),
    async (c) => {
      // c.req.text() decodes UTF-8; Bolt's own Lambda receiver decodes base64 bodies as ASCII.
      const res = await parts.slack.handle(await c.req.text(), c.req.raw.headers);
      return c.body(res.body, res.status as 200, res.headers);
    },
  );
  if (parts.guestCalendar) app.route('/api', parts.guestCalendar);
  if (parts.guestApi) app.route('/api', parts.guestApi);
  if (parts.calendar) app.route('/', parts.calendar);
  if (parts.guestPages) app.route('/', parts.guestPages);
  app.notFound((c) => c.json({ error: 'not_found', message: `Nothing is served at ${c.req.path}.` }, 404));
  app.onError((err, c) => {
    if (err instanceof BosunError && err.code === errorCodes.unavailable) {
      logger.warn('request failed: database unavailable', { path: c.req.path, error: err });
      return c.json({ error: err.code, message: err.message }, 503);
    }
    logger.error('request failed', { path: c.req.path, error: err });
    return c.json({ error: 'internal', message: 'Something went wrong on our side. Please try again.' }, 500);
  });
  return app;
}
