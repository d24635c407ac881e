import { describe, expect, it } from 'vitest';
import { describeSweep } from '../../src/cli';

describe('bosun nudge prints the sweep in words', () => {
  it('names what was sent, what another sweep had, and what failed', () => {
    const text = describeSweep(
      {
        sails: 2,
        sent: { roles: 1, waiver: 2, 'crew-call': 0, roster: 1 },
        taken: 1,
        failed: [{ sailId: 'S-7K2M9Q', key: 'crew-call#3h#U1', message: 'Slack said no' }],
      },
      new Date('2026-12-12T00:00:00Z'),
    );
    expect(text).toContain('2 upcoming sails looked at');
    expect(text).toContain(
      'Sent: 1 open-roles reminder, 2 waiver reminder emails, 1 roster DM to a captain.',
    );
    expect(text).toContain('1 were being sent by another sweep');
    expect(text).toContain('Not delivered: crew-call#3h#U1 on S-7K2M9Q: Slack said no');
  });

  it('says when nothing was due', () => {
    expect(describeSweep({ sails: 0, sent: { roles: 0 }, taken: 0, failed: [] }, new Date())).toContain(
      'Nothing was due.',
    );
  });
});
