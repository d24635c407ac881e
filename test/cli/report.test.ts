import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPortfolioImport } from '../../src/cli/import';
import { runReportCommand } from '../../src/cli/report';
import { createReportCliDeps } from '../../src/cli-wiring';
import { loadConfig } from '../../src/config';
import { BosunError } from '../../src/errors';
import { SAMPLE_DATA_NOTICE } from '../../src/jobs/report-data';
import { createLedgerStore } from '../../src/store/ledger';
import { createPortfolioStore } from '../../src/store/portfolio';
import { freshTable, sesEndpoint, WORKSPACE } from '../support/aws';
import { importStores } from '../support/fleet';

const base = { dataDir: 'data', templatesDir: 'templates', now: () => new Date('2026-11-25T20:00:00Z') };

describe('bosun report', () => {
  it('renders HTML to a file from data/ when no table is given', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bosun-report-')), 'cfo.html');
    const lines: string[] = [];
    await expect(
      runReportCommand(['cfo', '--out', out], { ...base, print: (l) => lines.push(l) }),
    ).resolves.toEqual({ written: out });
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('CFO report');
    expect(html).toContain('max-width: 600px');
    expect(lines[0]).toMatch(/^CFO report · Nov 25, 2026: wrote .*cfo\.html \(\d+\.\d KB\) from data\/$/);
    // Rendered from the sample files: the file and the console both say so.
    expect(html.slice(0, html.indexOf('<h1'))).toContain('Built from the SAMPLE data in data/');
    expect(lines[1]).toBe(`  ! ${SAMPLE_DATA_NOTICE}`);
  });

  it('says at the top when sails cannot be read, and counts none as zero', async () => {
    const lines: string[] = [];
    const warnings: string[] = [];
    await runReportCommand(['cfo'], {
      ...base,
      loadSails: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:8000');
      },
      print: (l) => lines.push(l),
      warn: (l) => warnings.push(l),
    });
    const text = lines.join('\n');
    // At the very top, after the sample-data notice.
    const top = text.slice(0, text.indexOf('EXECUTIVE SUMMARY')).replace(/\s+/g, ' ');
    expect(top).toMatch(/!!! Sails could not be read \(connect ECONNREFUSED 127\.0\.0\.1:8000\), so nothing/);
    expect(text).not.toMatch(/0 completed charters/);
    expect(warnings[0]).toMatch(/^could not read the sails/);
  });

  it('reports a past month, complete, and refuses a future one', async () => {
    const lines: string[] = [];
    await runReportCommand(['cfo', '2026-10'], {
      ...base,
      loadSails: async () => [],
      print: (l) => lines.push(l),
    });
    expect(lines.join('\n')).toContain('Oct 2026 · Generated');
    await expect(runReportCommand(['cfo', '2026-12'], { ...base, print: () => {} })).rejects.toThrow(
      /has not happened yet/,
    );
  });

  it('prints the text report without --out and lists kinds', async () => {
    const lines: string[] = [];
    await runReportCommand(['billing'], { ...base, print: (l) => lines.push(l) });
    expect(lines.join('\n')).toContain('EXECUTIVE SUMMARY');
    expect(lines[0]?.startsWith('!!! Built from the SAMPLE data in data/')).toBe(true);
    const list: string[] = [];
    await runReportCommand(['list'], { ...base, print: (l) => list.push(l) });
    expect(list[0]?.split('\n')).toHaveLength(8);
  });

  it('refuses an unknown kind or entity with the valid ones', async () => {
    await expect(runReportCommand(['cfoo'], { ...base, print: () => {} })).rejects.toThrow(BosunError);
    await expect(runReportCommand(['cfo', 'nope'], { ...base, print: () => {} })).rejects.toThrow(
      /Entities: qsd, jada/,
    );
  });

  it('reads the table when it holds a portfolio (DynamoDB Local)', async () => {
    const { doc, table } = await freshTable();
    const portfolios = createPortfolioStore({ workspace: WORKSPACE, doc, table });
    const ledger = createLedgerStore({ workspace: WORKSPACE, doc, table });
    await runPortfolioImport(['data/portfolio.yaml'], {
      portfolios,
      ledger,
      ...(await importStores(doc, table)),
      dataDir: 'data',
      print: () => {},
    });
    const lines: string[] = [];
    await runReportCommand(['cmo'], { ...base, portfolios, ledger, print: (l) => lines.push(l) });
    expect(lines.at(-1)).toBe('(computed from the table (portfolio version 1))');
    expect(lines.join('\n')).not.toContain('SAMPLE');
  });

  it('builds its stores from a Config (as the bosun verbs do) and imports then renders', async () => {
    const { doc, table, dynamo } = await freshTable();
    const config = loadConfig({
      SLACK_SIGNING_SECRET: 'test-signing-secret-0123456789',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      BOSUN_CHANNEL: 'CSAILS0001',
      BOSUN_TABLE: table,
      DYNAMODB_ENDPOINT: dynamo.endpoint ?? '',
      SES_ENDPOINT: sesEndpoint(),
      JWT_SECRET: 'test-jwt-secret-that-is-at-least-32-bytes-long',
    });
    const lines: string[] = [];
    const deps = {
      ...createReportCliDeps(config, { now: base.now }),
      ...(await importStores(doc, table)),
      print: (l: string) => lines.push(l),
    };
    await runPortfolioImport(['data/portfolio.yaml'], deps);
    await runReportCommand(['delivery'], deps);
    expect(lines[0]).toBe('portfolio imported from data/portfolio.yaml as version 1');
    expect(lines.at(-1)).toBe('(computed from the table (portfolio version 1))');
  });
});
