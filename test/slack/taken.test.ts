import { describe, expect, it } from 'vitest';
import { freeSlots, slotsFor } from '../../src/sails/roster';
import type { Slot } from '../../src/sails/types';
import { describeTaken } from '../../src/slack/taken';

const slots = slotsFor(3);
const slotList = (holders: Record<string, string>): Slot[] =>
  slots.map((slotId) => ({ sailId: 'S-7K2M9Q', slotId, holder: holders[slotId] }));

describe('describeTaken', () => {
  it('names the holder and what is still free', () => {
    expect(
      describeTaken('crew-2', 'U123', slotList({ 'crew-2': 'U123', captain: 'U9', 'crew-1': 'U8' })),
    ).toBe('crew-2 is taken by <@U123> — crew-3 is still free.');
    expect(describeTaken('captain', 'U123', slotList({ captain: 'U123' }))).toBe(
      'captain is taken by <@U123> — crew-1, crew-2 and crew-3 are still free.',
    );
    const full = slotList({ captain: 'U1', 'crew-1': 'U2', 'crew-2': 'U3', 'crew-3': 'U4' });
    expect(describeTaken('crew-1', 'U2', full)).toBe(
      'crew-1 is taken by <@U2> — every slot on this sail is taken.',
    );
    const many: Slot[] = slotsFor(6).map((slotId) => ({
      sailId: 'S-1',
      slotId,
      holder: slotId === 'captain' ? 'U1' : undefined,
    }));
    expect(describeTaken('captain', 'U1', many)).toBe(
      'captain is taken by <@U1> — crew-1, crew-2 and crew-3 (and 3 more) are still free.',
    );
    expect(freeSlots(slots, { 'crew-1': 'U1' })).toEqual(['captain', 'crew-2', 'crew-3']);
  });
});
