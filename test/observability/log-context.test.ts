/**
 * Per-request log keys: lines written inside `withLogContext` (and in its async continuations)
 * carry that context's keys and no other's, even when two requests interleave, and still go
 * through the redaction every line gets.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// The suite runs with logs off (vitest.config.ts); this file turns them on and reads them.
process.env.BOSUN_LOG_LEVEL = 'DEBUG';
const { boltLogger, currentLogContext, logger, withLogContext } = await import('../../src/log');

const captured: string[] = [];
const originals = {
  out: process.stdout.write.bind(process.stdout),
  err: process.stderr.write.bind(process.stderr),
};

beforeAll(() => {
  const capture = (chunk: string | Uint8Array): boolean => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
});
afterAll(() => {
  process.stdout.write = originals.out;
  process.stderr.write = originals.err;
});
beforeEach(() => {
  captured.length = 0;
});

type Line = Record<string, unknown> & { message: string };
function lines(): Line[] {
  return captured
    .join('')
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);
}
function line(message: string): Line {
  const found = lines().filter((l) => l.message === message);
  expect(found, message).toHaveLength(1);
  return found[0] as Line;
}

/** A promise settled from outside, to force an exact interleaving. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

describe('withLogContext', () => {
  it('keeps two interleaved requests apart: each line carries only its own keys', async () => {
    const aLogged = gate();
    const bLogged = gate();
    const a = withLogContext({ requestId: 'req-A', slackUser: 'UAAAAAAAA' }, async () => {
      logger.info('A1');
      aLogged.open();
      await bLogged.wait; // B has logged with its keys in between
      logger.info('A2 after an await');
      await new Promise((r) => setTimeout(r, 5));
      logger.warn('A3 after a timer');
      await Promise.resolve().then(() => logger.error('A4 in a promise callback'));
    });
    const b = withLogContext({ requestId: 'req-B', slackTeam: 'TBBBBBBBB' }, async () => {
      await aLogged.wait;
      logger.info('B1');
      bLogged.open();
      await new Promise((r) => setTimeout(r, 1));
      boltLogger().warn('B2 from Bolt');
      setImmediate(() => logger.debug('B3 in setImmediate'));
      await new Promise((r) => setImmediate(r));
    });
    await Promise.all([a, b]);
    logger.info('outside');

    const order = lines().map((l) => l.message);
    expect([...order].sort()).toEqual(
      [
        'A1',
        'A2 after an await',
        'A3 after a timer',
        'A4 in a promise callback',
        'B1',
        'B2 from Bolt',
        'B3 in setImmediate',
        'outside',
      ].sort(),
    );
    // The gates force A, then B, then A again, whatever the timers do afterwards.
    expect(order.slice(0, 3)).toEqual(['A1', 'B1', 'A2 after an await']);
    for (const m of ['A1', 'A2 after an await', 'A3 after a timer', 'A4 in a promise callback']) {
      expect(line(m)).toMatchObject({ requestId: 'req-A', slackUser: 'UAAAAAAAA' });
      expect(line(m), m).not.toHaveProperty('slackTeam');
    }
    for (const m of ['B1', 'B2 from Bolt', 'B3 in setImmediate']) {
      expect(line(m)).toMatchObject({ requestId: 'req-B', slackTeam: 'TBBBBBBBB' });
      expect(line(m), m).not.toHaveProperty('slackUser');
    }
    expect(line('B2 from Bolt')).toMatchObject({ source: 'bolt', level: 'WARN' });
    expect(line('outside')).not.toHaveProperty('requestId');
    expect(currentLogContext()).toEqual({});
  });

  it('nests (inner keys add to and override outer ones); the call site wins over both', () => {
    withLogContext({ slackUser: 'UOUTER', jobId: 'job-1' }, () => {
      withLogContext({ slackUser: 'UINNER' }, () => {
        expect(currentLogContext()).toEqual({ slackUser: 'UINNER', jobId: 'job-1' });
        logger.info('inner', { jobId: 'job-from-call' });
      });
      logger.info('outer again');
    });
    expect(line('inner')).toMatchObject({ slackUser: 'UINNER', jobId: 'job-from-call' });
    expect(line('outer again')).toMatchObject({ slackUser: 'UOUTER', jobId: 'job-1' });
  });

  it('returns what fn returns, and keeps the standard Powertools keys', async () => {
    expect(withLogContext({ k: 1 }, () => 42)).toBe(42);
    await expect(withLogContext({ k: 1 }, async () => 'async')).resolves.toBe('async');
    withLogContext({ k: 1 }, () => logger.info('shape'));
    expect(line('shape')).toMatchObject({ level: 'INFO', service: 'bosun', k: 1 });
    expect(line('shape')).toHaveProperty('timestamp');
  });

  it('keeps the redaction: sensitive keys and token-like values in the context are scrubbed', () => {
    withLogContext(
      { email: 'private.guest@example.org', note: 'sent to private.guest@example.org with xoxb-1-2-abc' },
      () => logger.info('redacted'),
    );
    const out = captured.join('');
    expect(out).not.toContain('private.guest@example.org');
    expect(out).not.toContain('xoxb-1-2-abc');
    expect(line('redacted')).toMatchObject({ email: '[redacted]' });
  });
});
