/**
 * Magic links as the guest flows see them: issuing one (a code, its email, and only then the code
 * made the guest's live link), and what state a link is in for the page's first step, which must
 * not spend it. Plain code over the code store's interface.
 */
import type { CodeStore, IssuedCode, MagicCode } from '../store/codes';
import type { Guest } from './guest';

/** The link a code opens. */
export function magicLink(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/g/${code}`;
}

/**
 * Issues a fresh link for a guest: stores a code, calls `send` with its link and expiry, and once
 * `send` returns (SES accepted the email) makes it the guest's live link, retiring the older ones.
 * When `send` throws, nothing is retired: the guest's earlier link keeps working, and the error
 * propagates as it came (a `DeliveryError` says whether to retry).
 */
export async function issueLink(
  deps: { codes: Pick<CodeStore, 'create' | 'activate'>; publicUrl: string },
  input: { guestId: string; sailId: string; at?: Date | undefined },
  send: (link: { url: string; expiresAt: Date }) => Promise<void>,
): Promise<IssuedCode> {
  const issued = await deps.codes.create({
    guestId: input.guestId,
    sailId: input.sailId,
    ...(input.at ? { at: input.at } : {}),
  });
  await send({ url: magicLink(deps.publicUrl, issued.code), expiresAt: issued.expiresAt });
  await deps.codes.activate(issued);
  return issued;
}

/**
 * Whether a code passes a claim's check on its guest (the code store's condition, for reads): the
 * guest exists, and the code is their newest activated link or was made after it.
 */
export function isCurrentFor(
  code: Pick<MagicCode, 'code' | 'createdAt'>,
  guest: Pick<Guest, 'latestCode' | 'linkIssuedAt'> | undefined,
): boolean {
  if (!guest) return false;
  if (!guest.latestCode || guest.latestCode === code.code) return true;
  return guest.linkIssuedAt !== undefined && guest.linkIssuedAt < code.createdAt;
}

/**
 * What a link would do if claimed now, without claiming it: `ready` (it opens the page), `used`,
 * `expired`, `superseded` (a newer one went out), `revoked` (the guest was removed), or `signed`
 * (spent, and the guest has signed: nothing more to do).
 */
export type LinkState = 'ready' | 'used' | 'expired' | 'superseded' | 'revoked' | 'signed';

/** The state of a stored code for its guest (undefined: the guest is gone) at `now`. */
export function linkState(code: MagicCode, guest: Guest | undefined, now: Date): LinkState {
  if (!guest) return 'revoked';
  const spent = code.usedAt !== undefined;
  if (guest.status === 'signed' && (spent || code.expiresAt * 1000 <= now.getTime())) return 'signed';
  if (spent) return 'used';
  if (!isCurrentFor(code, guest)) return 'superseded';
  if (code.expiresAt * 1000 <= now.getTime()) return 'expired';
  return 'ready';
}
