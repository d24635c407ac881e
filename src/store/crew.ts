/**
 * The crew workflow's writes, all in the sail's partition beside its slots and members: cover
 * requests (`COVER#<slot>`), the waitlist (`WAIT#<user>`), muted reminders (`MUTE#<user>`), and the
 * list of slots held for someone by when the hold ends (`<team>#OFFERS`), which the sweep reads.
 *
 * Taking over a slot is one `TransactWriteItems`: the request must still be open and the slot still
 * held by the requester, the taker must hold no other slot on the sail (their member item absent),
 * and the sail must be open. However many press Take-over at once, one gets the slot.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 */
import type { AttributeValue, CancellationReason } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { type CoverRequest, coverStatuses } from '../crew/cover';
import type { Waiter } from '../crew/waitlist';
import { StorageError } from '../errors';
import { type Sail, sailStatuses } from '../sails/types';
import { entities, type OfferIndexItem } from './entities';
import { keys } from './keys';
import { queryItems } from './query';
import type { SlotOffer } from './sails';
import { conditionFailed, transactWrite } from './transact';
import { checkWorkspace } from './workspaces';

/** What asking for cover did. */
export type RequestCoverResult =
  | { ok: true; request: CoverRequest }
  /** The requester does not hold the slot (any more). */
  | { ok: false; reason: 'not_holder'; holder?: string | undefined }
  /** The requester has asked already and the request is open. */
  | { ok: false; reason: 'open'; request: CoverRequest }
  | { ok: false; reason: 'closed'; status?: string | undefined }
  | { ok: false; reason: 'no_such_slot' };

/** What withdrawing a request did. */
export type WithdrawCoverResult =
  | { ok: true; request: CoverRequest }
  | { ok: false; reason: 'not_open'; request?: CoverRequest | undefined };

/** What pressing Take-over did. */
export type TakeOverResult =
  | { ok: true; request: CoverRequest }
  /** Someone else covered it first (`by`), or it was withdrawn, or there is no such request. */
  | { ok: false; reason: 'covered'; by?: string | undefined }
  | { ok: false; reason: 'withdrawn' }
  | { ok: false; reason: 'no_request' }
  /** The requester no longer holds the slot (released it, or an admin did). */
  | { ok: false; reason: 'stale'; holder?: string | undefined }
  /** The taker already holds a slot on this sail. */
  | { ok: false; reason: 'already_member'; slotId: string }
  | { ok: false; reason: 'closed'; status?: string | undefined };

/** What joining a waitlist did. */
export type JoinResult =
  | { ok: true; waiter: Waiter }
  | { ok: false; reason: 'waiting'; waiter: Waiter }
  | { ok: false; reason: 'aboard'; slotId: string }
  | { ok: false; reason: 'closed'; status?: string | undefined };

/** What moving a hold on did. */
export type MoveHoldResult =
  | { ok: true }
  /** The slot is no longer held for that person until then (claimed, moved on already). */
  | { ok: false; reason: 'stale' }
  /** The next person has left the list or got another slot held: choose again. */
  | { ok: false; reason: 'to_taken' };

/** A hold as listed by its end: which slot, for whom, until when. */
export type HoldEntry = OfferIndexItem;

/** The crew workflow's store. */
export interface CrewStore {
  /** Opens a cover request for a slot its requester holds (one open request per slot). */
  requestCover(input: {
    sailId: string;
    slotId: string;
    requester: string;
    requestedBy: string;
  }): Promise<RequestCoverResult>;
  /** Withdraws the open request of `requester` for a slot. */
  withdrawCover(sailId: string, slotId: string, requester: string, by: string): Promise<WithdrawCoverResult>;
  /** `taker` takes over the slot from `requester` (see the module comment): one transaction. */
  takeOver(sail: Sail, slotId: string, requester: string, taker: string): Promise<TakeOverResult>;
  /** Adds a person to the sail's waitlist (not if they hold a slot on it). */
  join(sailId: string, userId: string): Promise<JoinResult>;
  /** Takes a person off the waitlist; returns their entry as it was, if they were on it. */
  leave(sailId: string, userId: string): Promise<Waiter | undefined>;
  /** Mutes (or unmutes) a sail's reminder DMs for a person. */
  setMute(sailId: string, userId: string, muted: boolean): Promise<void>;
  /** Holds that ended by `now`, oldest first (one Query of the holds list, whatever the sails). */
  endedHolds(now: Date, limit?: number): Promise<HoldEntry[]>;
  /**
   * Moves a free slot's hold from one waiter to the next (or ends it, `to` undefined), in one
   * transaction: the slot must still be held for `from` until `from.until`; `from` leaves the list.
   */
  moveHold(
    sailId: string,
    slotId: string,
    from: SlotOffer,
    to: SlotOffer | undefined,
  ): Promise<MoveHoldResult>;
  /** Forgets a listed hold that no longer stands (the slot was claimed, or moved on). */
  dropHoldEntry(entry: HoldEntry): Promise<void>;
}

/** A string attribute of an item a failed condition returned (wire format or plain). */
function attr(item: Record<string, AttributeValue> | undefined, name: string): string | undefined {
  const v: unknown = item?.[name];
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'S' in v && typeof v.S === 'string') return v.S;
  return undefined;
}

/**
 * The items that hold a freed slot for a waiter, added to the transaction that frees (or moves)
 * the hold: their waitlist entry records it, only while they are still waiting with nothing held
 * (so nobody is offered two slots), and the hold is listed by when it ends for the sweep.
 */
export function holdItems(
  table: string,
  ws: string,
  sailId: string,
  slotId: string,
  offer: SlotOffer,
  at: Date,
): NonNullable<TransactWriteCommandInput['TransactItems']> {
  return [
    {
      Update: {
        TableName: table,
        Key: keys.waiter(ws, sailId, offer.userId),
        UpdateExpression: 'SET offeredSlot = :slot, offerUntil = :until',
        ConditionExpression:
          'attribute_exists(PK) AND (attribute_not_exists(offerUntil) OR offerUntil <= :now)',
        ExpressionAttributeValues: {
          ':slot': slotId,
          ':until': offer.until.toISOString(),
          ':now': at.toISOString(),
        },
      },
    },
    {
      Put: {
        TableName: table,
        Item: entities.offerIndex.item({
          workspace: ws,
          sailId,
          slotId,
          userId: offer.userId,
          until: offer.until,
        }),
      },
    },
  ];
}

/** The condition that a sail is open for crew changes: it exists, is not cancelled, has not left. */
function openSail(table: string, ws: string, sailId: string, at: Date) {
  return {
    ConditionCheck: {
      TableName: table,
      Key: keys.sail(ws, sailId),
      ConditionExpression: 'attribute_exists(PK) AND #status <> :cancelled AND departAt > :now',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':cancelled': sailStatuses.cancelled, ':now': at.toISOString() },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  };
}

function closedBecause(r: CancellationReason | undefined): { ok: false; reason: 'closed'; status?: string } {
  const status = attr(r?.Item, 'status');
  return { ok: false, reason: 'closed', ...(status ? { status } : {}) };
}

/** Builds the crew store over the document client and table. */
export function createCrewStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The Slack team id every key of this store begins with. */
  workspace: string;
  now?: () => Date;
}): CrewStore {
  const { doc, table } = deps;
  const ws = checkWorkspace(deps.workspace);
  const now = deps.now ?? (() => new Date());
  const transact = (input: TransactWriteCommandInput) => transactWrite(doc, input);
  const parseCover = (item: Record<string, AttributeValue> | undefined) =>
    item ? entities.coverRequest.parse(plain(item)) : undefined;

  return {
    async requestCover(input) {
      const at = now();
      const request: CoverRequest = { ...input, requestedAt: at, status: coverStatuses.open };
      const outcome = await transact({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: entities.coverRequest.item({ ...request, workspace: ws }),
              // A closed request, or one whose requester no longer holds the slot, is replaced.
              ConditionExpression: 'attribute_not_exists(PK) OR #status <> :open OR requester <> :r',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':open': coverStatuses.open, ':r': input.requester },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            ConditionCheck: {
              TableName: table,
              Key: keys.slot(ws, input.sailId, input.slotId),
              ConditionExpression: 'holder = :r',
              ExpressionAttributeValues: { ':r': input.requester },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          openSail(table, ws, input.sailId, at),
        ],
      });
      if (outcome.ok) return { ok: true, request };
      const [coverR, slotR, sailR] = outcome.reasons;
      if (conditionFailed(sailR)) return closedBecause(sailR);
      if (conditionFailed(slotR)) {
        if (!slotR?.Item) return { ok: false, reason: 'no_such_slot' };
        return { ok: false, reason: 'not_holder', holder: attr(slotR.Item, 'holder') };
      }
      const open = parseCover(coverR?.Item);
      if (conditionFailed(coverR) && open) return { ok: false, reason: 'open', request: open };
      throw new StorageError(`A cover request for ${input.sailId}:${input.slotId} failed without a reason`);
    },

    async withdrawCover(sailId, slotId, requester, by) {
      const at = now();
      const outcome = await transact({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: keys.coverRequest(ws, sailId, slotId),
              UpdateExpression: 'SET #status = :withdrawn, closedBy = :by, closedAt = :at',
              ConditionExpression: '#status = :open AND requester = :r',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':withdrawn': coverStatuses.withdrawn,
                ':open': coverStatuses.open,
                ':r': requester,
                ':by': by,
                ':at': at.toISOString(),
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
      });
      if (!outcome.ok)
        return { ok: false, reason: 'not_open', request: parseCover(outcome.reasons[0]?.Item) };
      return {
        ok: true,
        request: {
          sailId,
          slotId,
          requester,
          requestedBy: requester,
          requestedAt: at,
          status: coverStatuses.withdrawn,
          closedBy: by,
          closedAt: at,
        },
      };
    },

    async takeOver(sail, slotId, requester, taker) {
      const at = now();
      const sailId = sail.id;
      const outcome = await transact({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: keys.coverRequest(ws, sailId, slotId),
              UpdateExpression: 'SET #status = :covered, closedBy = :t, closedAt = :at',
              ConditionExpression: '#status = :open AND requester = :r',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':covered': coverStatuses.covered,
                ':open': coverStatuses.open,
                ':r': requester,
                ':t': taker,
                ':at': at.toISOString(),
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Update: {
              TableName: table,
              Key: keys.slot(ws, sailId, slotId),
              UpdateExpression: 'SET holder = :t, claimedAt = :at REMOVE designatedBy, heldFor, heldUntil',
              ConditionExpression: 'holder = :r',
              ExpressionAttributeValues: { ':r': requester, ':t': taker, ':at': at.toISOString() },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Delete: {
              TableName: table,
              Key: keys.member(ws, sailId, requester),
              ConditionExpression: 'slotId = :slot',
              ExpressionAttributeValues: { ':slot': slotId },
            },
          },
          {
            Put: {
              TableName: table,
              Item: entities.member.item({
                workspace: ws,
                sailId,
                userId: taker,
                slotId,
                departAt: sail.departAt,
              }),
              ConditionExpression: 'attribute_not_exists(PK)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          openSail(table, ws, sailId, at),
          // Aboard means off the waitlist.
          { Delete: { TableName: table, Key: keys.waiter(ws, sailId, taker) } },
        ],
      });
      if (outcome.ok) {
        return {
          ok: true,
          request: {
            sailId,
            slotId,
            requester,
            requestedBy: requester,
            requestedAt: at,
            status: coverStatuses.covered,
            closedBy: taker,
            closedAt: at,
          },
        };
      }
      const [coverR, slotR, , memberR, sailR] = outcome.reasons;
      if (conditionFailed(coverR)) {
        const current = parseCover(coverR?.Item);
        if (!current) return { ok: false, reason: 'no_request' };
        if (current.status === coverStatuses.withdrawn) return { ok: false, reason: 'withdrawn' };
        if (current.status === coverStatuses.covered) {
          return { ok: false, reason: 'covered', by: current.closedBy };
        }
        // Open, but for another requester: this request was replaced by a newer one.
        return { ok: false, reason: 'stale', holder: current.requester };
      }
      if (conditionFailed(sailR)) return closedBecause(sailR);
      if (conditionFailed(memberR)) {
        return { ok: false, reason: 'already_member', slotId: attr(memberR?.Item, 'slotId') ?? slotId };
      }
      if (conditionFailed(slotR)) return { ok: false, reason: 'stale', holder: attr(slotR?.Item, 'holder') };
      throw new StorageError(`Slot ${sailId}:${slotId} is held without its member record`);
    },

    async join(sailId, userId) {
      const at = now();
      const waiter: Waiter = { sailId, userId, joinedAt: at };
      const outcome = await transact({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: entities.waiter.item({ ...waiter, workspace: ws }),
              ConditionExpression: 'attribute_not_exists(PK)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            ConditionCheck: {
              TableName: table,
              Key: keys.member(ws, sailId, userId),
              ConditionExpression: 'attribute_not_exists(PK)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          openSail(table, ws, sailId, at),
        ],
      });
      if (outcome.ok) return { ok: true, waiter };
      const [waitR, memberR, sailR] = outcome.reasons;
      if (conditionFailed(sailR)) return closedBecause(sailR);
      if (conditionFailed(memberR))
        return { ok: false, reason: 'aboard', slotId: attr(memberR?.Item, 'slotId') ?? '' };
      if (conditionFailed(waitR) && waitR?.Item) {
        return { ok: false, reason: 'waiting', waiter: entities.waiter.parse(plain(waitR.Item)) };
      }
      throw new StorageError(`Joining the waitlist of ${sailId} failed without a reason`);
    },

    async leave(sailId, userId) {
      const r = await doc.send(
        new DeleteCommand({
          TableName: table,
          Key: keys.waiter(ws, sailId, userId),
          ReturnValues: 'ALL_OLD',
        }),
      );
      return r.Attributes ? entities.waiter.parse(r.Attributes) : undefined;
    },

    async setMute(sailId, userId, muted) {
      if (muted) {
        await doc.send(
          new PutCommand({
            TableName: table,
            Item: entities.mute.item({ workspace: ws, sailId, userId, mutedAt: now() }),
          }),
        );
      } else {
        await doc.send(new DeleteCommand({ TableName: table, Key: keys.mute(ws, sailId, userId) }));
      }
    },

    async endedHolds(at, limit = 100) {
      const out: HoldEntry[] = [];
      const items = queryItems(
        doc,
        {
          TableName: table,
          // `<until ISO>#…`: everything sorting up to `<now ISO>#~` ended by now.
          KeyConditionExpression: 'PK = :pk AND SK <= :hi',
          ExpressionAttributeValues: { ':pk': keys.offersPartition(ws), ':hi': `${at.toISOString()}#~` },
          ConsistentRead: true,
        },
        { pageSize: limit },
      );
      for await (const item of items) {
        out.push(entities.offerIndex.parse(item));
        if (out.length >= limit) break;
      }
      return out;
    },

    async moveHold(sailId, slotId, from, to) {
      const at = now();
      const outcome = await transact({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: keys.slot(ws, sailId, slotId),
              UpdateExpression: to ? 'SET heldFor = :t, heldUntil = :tu' : 'REMOVE heldFor, heldUntil',
              ConditionExpression: 'attribute_not_exists(holder) AND heldFor = :f AND heldUntil = :fu',
              ExpressionAttributeValues: {
                ':f': from.userId,
                ':fu': from.until.toISOString(),
                ...(to ? { ':t': to.userId, ':tu': to.until.toISOString() } : {}),
              },
            },
          },
          // Someone who let an offer pass leaves the list; they can join again.
          { Delete: { TableName: table, Key: keys.waiter(ws, sailId, from.userId) } },
          // A new hold ending at the same instant has the same listing key: its Put replaces it.
          ...(to && to.until.getTime() === from.until.getTime()
            ? []
            : [
                {
                  Delete: {
                    TableName: table,
                    Key: keys.offerIndex(ws, from.until.toISOString(), sailId, slotId),
                  },
                },
              ]),
          ...(to ? holdItems(table, ws, sailId, slotId, to, at) : []),
        ],
      });
      if (outcome.ok) return { ok: true };
      if (conditionFailed(outcome.reasons[0])) return { ok: false, reason: 'stale' };
      return { ok: false, reason: 'to_taken' };
    },

    async dropHoldEntry(entry) {
      await doc.send(
        new DeleteCommand({
          TableName: table,
          Key: keys.offerIndex(ws, entry.until.toISOString(), entry.sailId, entry.slotId),
        }),
      );
    },
  };
}

/**
 * An item a failed condition returned, in plain values: the document client leaves exception
 * payloads in wire format (`{ S: 'x' }`); strings, numbers and booleans are all these items hold.
 */
function plain(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(item).map(([k, v]) => {
      const w: unknown = v;
      if (w && typeof w === 'object') {
        if ('S' in w) return [k, w.S];
        if ('N' in w) return [k, Number(w.N)];
        if ('BOOL' in w) return [k, w.BOOL];
      }
      return [k, w];
    }),
  );
}
