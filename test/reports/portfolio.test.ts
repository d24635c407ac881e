import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssues, parsePortfolio } from '../../src/reports/portfolio';

const minimal = `asOf: 2026-01-31
cashOnHand:
  - { entity: boat, account: Bank 1, amount: 1000 }
entities:
  - { id: boat, name: Boat Co, kind: charter }
accounts:
  - { code: "4000", name: Charters, type: income }
ledgerRules:
  - { pattern: "PAYOUT", account: "4000", entity: boat }
`;

describe('parsePortfolio', () => {
  it('accepts the shipped sample with every business in it', () => {
    const res = parsePortfolio(readFileSync('data/portfolio.yaml', 'utf8'));
    if (!res.ok) throw new Error(formatIssues(res.issues));
    expect(res.portfolio.entities.map((e) => e.id)).toEqual(
      expect.arrayContaining(['qsd', 'jada', 'qdn', 'dc', 'rental-3028', 'eyd']),
    );
    expect(res.portfolio.rental?.address).toContain('3028 51st St');
    expect(res.portfolio.assets.find((a) => a.id === 'jada')?.type).toBe('vessel');
  });

  it('fills defaults on a minimal file', () => {
    const res = parsePortfolio(minimal);
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.portfolio.currency).toBe('USD');
      expect(res.portfolio.assets).toEqual([]);
    }
  });

  it('reports every field error with its path and line', () => {
    const text = `asOf: 2026-01-31
cashOnHand: []
entities:
  - id: Bad Id
    name: x
    kind: boat
assets:
  - id: a
    name: A
    type: vessel
    entity: x
    value: -3
`;
    const res = parsePortfolio(text);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'entities[0].id', line: 4 }),
        expect.objectContaining({ path: 'entities[0].kind', line: 6 }),
        expect.objectContaining({ path: 'assets[0].value', line: 12 }),
      ]),
    );
    expect(formatIssues(res.issues)).toMatch(/^line 4: entities\[0\]\.id: /);
  });

  it('checks references to entities and accounts', () => {
    const res = parsePortfolio(
      `${minimal}  - { pattern: "X", account: "9999", entity: ghost }\nrecurringCosts:\n  - { vendor: V, category: C, monthly: 5, entity: nope }\n`,
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    const byPath = Object.fromEntries(res.issues.map((i) => [i.path, i]));
    expect(byPath['ledgerRules[1].account']?.message).toMatch(/unknown account '9999'/);
    expect(byPath['ledgerRules[1].entity']?.message).toMatch(/unknown entity 'ghost'/);
    expect(byPath['ledgerRules[1].entity']?.line).toBe(10);
    expect(byPath['recurringCosts[0].entity']?.line).toBe(12);
  });

  it('names the line of a YAML syntax error', () => {
    const res = parsePortfolio('asOf: 2026-01-31\nentities:\n  - { id: x, name: [unclosed\n');
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues[0]?.path).toBe('(yaml)');
    expect(res.issues[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('points a missing required key at its parent', () => {
    const res = parsePortfolio('asOf: 2026-01-31\ncashOnHand: []\nentities:\n  - id: x\n    kind: charter\n');
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.issues).toEqual([expect.objectContaining({ path: 'entities[0].name', line: 4 })]);
  });
});
