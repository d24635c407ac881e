/**
 * Slack request signing: `v0=` HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret,
 * and a timestamp within five minutes of now in either direction (replay protection).
 * @see https://api.slack.com/authentication/verifying-requests-from-slack
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's replay window. */
export const MAX_SKEW_SECONDS = 5 * 60;

/** Why a request was refused; `ok` when it is genuine. */
export type VerifyResult =
  | { ok: true }
  | { ok: false; reason: 'missing_headers' | 'stale' | 'bad_signature' };

/** Computes the `x-slack-signature` value for a body, as Slack does. */
export function signSlackBody(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** Checks a request's signature and timestamp in constant time. */
export function verifySlackSignature(args: {
  signingSecret: string;
  rawBody: string;
  signature: string | null | undefined;
  timestamp: string | null | undefined;
  nowMs: number;
}): VerifyResult {
  const { signature, timestamp } = args;
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return { ok: false, reason: 'missing_headers' };
  const ts = Number(timestamp);
  if (Math.abs(Math.floor(args.nowMs / 1000) - ts) > MAX_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signSlackBody(args.signingSecret, ts, args.rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  return { ok: true };
}
