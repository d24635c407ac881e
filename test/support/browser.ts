/**
 * Debian's Chromium, headless, for the guest-page tests (never a browser download). The flags keep
 * it from reaching for Google's services on a machine with no network.
 */
import { type Browser, chromium } from 'playwright-core';

/** Launches /usr/bin/chromium headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
