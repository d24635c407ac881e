/**
 * The App Home at the largest inputs a page can hold (every list full, 120-character titles,
 * 300-character hold reasons, long vessel names) stays inside Block Kit's limits: 100 blocks in a
 * home tab, 3000 characters a section.
 */
import { describe, expect, it } from 'vitest';
import { type HomeModel, type HomeVessel, homePage } from '../../src/home/model';
import type { Sail } from '../../src/sails/types';
import { HOME_BLOCK_LIMIT, homePageOf, homeView } from '../../src/slack/blocks/home';
import { blockKitProblems } from '../support/block-kit';

const title = `${'Sunset & <b>stars</b> '.repeat(6)}`.slice(0, 120);
const sail = (i: number, status: Sail['status'] = 'on_hold'): Sail => ({
  id: `S-${String(i).padStart(6, '0')}`,
  title,
  date: '2026-12-12',
  start: 'sunset',
  durationMinutes: 150,
  crewCount: 20,
  guestCapacity: 150,
  vesselId: 'jada',
  status,
  holdReason: 'Small craft advisory; '.repeat(14).slice(0, 300),
  crewCallAt: new Date('2026-12-12T22:15:00Z'),
  departAt: new Date('2026-12-12T23:00:00Z'),
  sunsetAt: new Date('2026-12-13T00:43:00Z'),
  civilDuskAt: new Date('2026-12-13T01:10:00Z'),
  returnAt: new Date('2026-12-13T01:30:00Z'),
  createdBy: 'UADMIN0001',
  createdAt: new Date('2026-12-01T20:00:00Z'),
  version: 3,
});
const vessel = (i: number): HomeVessel => ({
  id: `vessel-${i}`,
  name: 'Maximiliana '.repeat(10).slice(0, 80),
  homePort: 'Puerto Vallarta, Marina Nuevo Vallarta '.repeat(2),
  zone: 'America/Mexico_City',
  guestCapacity: 150,
  maxCrew: 20,
  meetingPlace: 'Dock C, slip 27, past the fuel dock and the harbor master’s office',
  captains: ['U1', 'U2'],
});

function fullHome(page: number): HomeModel {
  const n = (k: number) => Array.from({ length: k }, (_, i) => i);
  return {
    userId: 'UCREW00001',
    isAdmin: true,
    page,
    notice: 'x'.repeat(2900),
    roles: n(homePage.roles).map((i) => ({ sail: sail(i), slotId: `crew-${i + 1}` })),
    moreRoles: true,
    openRoles: n(homePage.openRoles).map((i) => ({ sail: sail(100 + i), slotId: 'crew-20', free: 20 })),
    moreOpenRoles: true,
    calendarUrl: `https://sail.example.com/cal/${'A'.repeat(32)}.ics`,
    admin: {
      sails: n(homePage.adminSails).map((i) => ({
        sail: sail(200 + i, i % 2 ? 'cancelled' : 'on_hold'),
        crew: { held: 20, total: 21 },
        guests: { seatsTaken: 150, capacity: 150, invited: 140, signed: 139 },
      })),
      moreSails: true,
      fleet: n(homePage.vessels).map(vessel),
    },
  };
}

describe('the App Home at its largest', () => {
  it.each([0, 3])('page %i stays inside Block Kit’s limits', (page) => {
    const view = homeView(fullHome(page), { updatedAt: new Date('2026-12-01T20:00:00Z') });
    expect(view.blocks.length).toBeLessThanOrEqual(HOME_BLOCK_LIMIT);
    expect(view.blocks.length).toBeLessThan(80);
    expect(blockKitProblems(view.blocks, { maxBlocks: HOME_BLOCK_LIMIT })).toEqual([]);
    expect(homePageOf(view.private_metadata)).toBe(page);
  });

  it('reads the page back from the view, and 0 from anything else', () => {
    expect(homePageOf('{"page":4}')).toBe(4);
    expect(homePageOf('')).toBe(0);
    expect(homePageOf('{"page":-1}')).toBe(0);
    expect(homePageOf('not json')).toBe(0);
  });
});
