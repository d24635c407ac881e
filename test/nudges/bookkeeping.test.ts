import { describe, expect, it } from 'vitest';
import { StorageError } from '../../src/errors';
import { STALE_CLAIM_MS } from '../../src/nudges/records';
import { BOOKKEEPING_RETRY_DELAYS_MS, runSweep, type SweepDeps } from '../../src/nudges/sweep';
import { slackNudgeMessages } from '../../src/slack/blocks/nudges';
import type { MessageBody } from '../../src/slack/blocks/types';
import type { NudgeRef, NudgeStore } from '../../src/store/nudges';
import { freshTable } from '../support/aws';
import { NOW, recordingSenders, type Seeded, seed } from './fixture';

type Send = SweepDeps<MessageBody>['send'];

/** The first sail's channel role nudge is the victim: the only kind of nudge posted in a thread. */
const isVictim = (ref: NudgeRef, victim: { sailId?: string }) => {
  if (ref.kind !== 'roles' || ref.target !== 'channel') return false;
  victim.sailId ??= ref.sailId;
  return victim.sailId === ref.sailId;
};

function sweep(s: Seeded, nudgeStore: NudgeStore, send: Send, waits: number[] = [], now = NOW) {
  return runSweep({
    now,
    messages: slackNudgeMessages,
    sails: s.sails,
    guests: s.guests,
    fleet: s.fleet,
    nudgeStore,
    send,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
}

async function seeded(): Promise<Seeded> {
  const { doc, table } = await freshTable();
  return seed(doc, table, 0);
}

describe('sweep bookkeeping when DynamoDB fails (DynamoDB Local, markSent/release made to fail)', () => {
  it('retries markSent after a storage error, with a short backoff, and records the nudge sent once', async () => {
    const s = await seeded();
    const victim: { sailId?: string } = {};
    let failures = 0;
    const flaky: NudgeStore = {
      ...s.nudges,
      async markSent(ref, token) {
        if (isVictim(ref, victim) && failures < 2) {
          failures++;
          throw new StorageError('Could not mark a nudge sent (throttled)');
        }
        return s.nudges.markSent(ref, token);
      },
    };
    const first = recordingSenders();
    const waits: number[] = [];
    const summary = await sweep(s, flaky, first.send, waits);
    expect(failures).toBe(2);
    expect(waits).toEqual([...BOOKKEEPING_RETRY_DELAYS_MS]);
    expect(summary.failed).toEqual([]);
    expect(first.deliveries.filter((d) => d.via === 'thread' && d.sailId === victim.sailId)).toHaveLength(1);
    const record = (await s.nudges.recorded(victim.sailId ?? '')).find((r) => r.key.endsWith('#channel'));
    expect(record?.status).toBe('sent');

    const again = recordingSenders();
    await sweep(s, s.nudges, again.send);
    expect(again.deliveries).toEqual([]);
  });

  it('a sent nudge whose record cannot be updated is reported, keeps its claim and is never sent again', async () => {
    const s = await seeded();
    const victim: { sailId?: string } = {};
    let attempts = 0;
    const broken: NudgeStore = {
      ...s.nudges,
      async markSent(ref, token) {
        if (isVictim(ref, victim)) {
          attempts++;
          throw new StorageError('Could not mark a nudge sent (DynamoDB unavailable)');
        }
        return s.nudges.markSent(ref, token);
      },
    };
    const first = recordingSenders();
    const summary = await sweep(s, broken, first.send);
    expect(attempts).toBe(BOOKKEEPING_RETRY_DELAYS_MS.length + 1);
    const victimThreads = (d: { via: string; sailId: string }) =>
      d.via === 'thread' && d.sailId === victim.sailId;
    expect(first.deliveries.filter(victimThreads)).toHaveLength(1);
    expect(summary.failed).toEqual([
      {
        sailId: victim.sailId,
        key: expect.stringMatching(/^roles#\d+h#channel$/),
        resend: 'manual',
        message: expect.stringMatching(/^sent, but not recorded as sent \(StorageError: .*unavailable.*\)/),
      },
    ]);
    // Counted as sent: it was delivered.
    expect(Object.values(summary.sent).reduce((a, b) => a + b, 0)).toBe(first.deliveries.length);
    const record = (await s.nudges.recorded(victim.sailId ?? '')).find((r) => r.key.endsWith('#channel'));
    expect(record?.status).toBe('sending');

    // The next sweep, with DynamoDB healthy again, does not resend it...
    const next = recordingSenders();
    expect((await sweep(s, s.nudges, next.send)).failed).toEqual([]);
    expect(next.deliveries.filter(victimThreads)).toEqual([]);
    // ...nor does one after the claim went stale: it reports it instead.
    const later = new Date(NOW.getTime() + STALE_CLAIM_MS + 60_000);
    const stale = recordingSenders();
    const staleSummary = await sweep(s, s.nudges, stale.send, [], later);
    expect(stale.deliveries.filter(victimThreads)).toEqual([]);
    expect(staleSummary.failed).toEqual([
      {
        sailId: victim.sailId,
        key: record?.key,
        resend: 'manual',
        message: expect.stringContaining('may have been sent, so it is not sent again'),
      },
    ]);
  });

  it('a failed send whose claim cannot be dropped is reported and not sent by the next sweep', async () => {
    const s = await seeded();
    const victim: { sailId?: string } = {};
    let releases = 0;
    const broken: NudgeStore = {
      ...s.nudges,
      async release(ref, token) {
        if (isVictim(ref, victim)) {
          releases++;
          throw new StorageError('Could not release a nudge (DynamoDB unavailable)');
        }
        return s.nudges.release(ref, token);
      },
    };
    const failing = recordingSenders((d) => {
      if (d.via !== 'thread') return false;
      victim.sailId ??= d.sailId;
      return victim.sailId === d.sailId;
    });
    const summary = await sweep(s, broken, failing.send);
    expect(releases).toBe(BOOKKEEPING_RETRY_DELAYS_MS.length + 1);
    expect(summary.failed).toEqual([
      {
        sailId: victim.sailId,
        key: expect.stringMatching(/#channel$/),
        resend: 'manual',
        message: expect.stringMatching(
          /^not sent \(Error: Slack said no to channel\), and its claim could not be dropped/,
        ),
      },
    ]);
    const next = recordingSenders();
    await sweep(s, s.nudges, next.send);
    expect(next.deliveries.filter((d) => d.via === 'thread' && d.sailId === victim.sailId)).toEqual([]);
  });
});
