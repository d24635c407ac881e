/**
 * Every report's email, opened at a phone's 375 px in headless Chromium, fits without scrolling
 * sideways; at a desktop width the sheet still stops at 600 px.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleData } from '../../src/jobs/report-data';
import { buildReport, reportKinds } from '../../src/reports';
import type { SailFacts } from '../../src/reports/model';
import { loadReportTemplates, renderReportEmail } from '../../src/reports/render';
import { launchChromium } from '../support/browser';

const NOW = new Date('2026-11-25T20:00:00Z');
const sails: SailFacts[] = [
  {
    id: 'S-7K2M9Q',
    departAt: new Date('2026-12-05T23:00:00Z'),
    status: 'scheduled',
    guests: 1,
    capacity: 6,
    completed: false,
  },
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function emails() {
  const data = await loadSampleData('data');
  const templates = await loadReportTemplates('templates');
  return reportKinds.map((kind) => {
    const model = buildReport(kind, { portfolio: data.portfolio, ledger: data.ledger, sails, now: NOW });
    return { kind, html: renderReportEmail(model, templates).html };
  });
}

describe('report emails in a phone-sized browser', () => {
  it('every kind fits 375 px with no sideways scroll, and stays a 600 px sheet on a desktop', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    // Nothing external to load: any request would be a remote asset.
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    for (const { kind, html } of await emails()) {
      expect(Buffer.byteLength(html), kind).toBeLessThan(100 * 1024);
      expect(html, kind).not.toMatch(/<style|<script|<img|<link/i);
      await page.setViewportSize({ width: 375, height: 800 });
      await page.setContent(html);
      const narrow = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        sheet: document.querySelector('table.sheet')?.getBoundingClientRect().width ?? 0,
      }));
      expect(narrow.scroll, kind).toBeLessThanOrEqual(375);
      expect(narrow.sheet, kind).toBeLessThanOrEqual(375);
      await page.setViewportSize({ width: 1000, height: 800 });
      const wide = await page.evaluate(
        () => document.querySelector('table.sheet')?.getBoundingClientRect().width ?? 0,
      );
      expect(wide, kind).toBe(600);
    }
    expect(requests).toEqual([]);
    await page.close();
  });
});
