/**
 * Sails, their roster slots, members and checklist ticks in the single table, under the sail's
 * partition `<team>#SAIL#<id>`. Domain values use `Date`s; items store ISO-8601 UTC strings, which sort
 * as text, so `departAt > :now` and the by-departure index work on them directly.
 *
 * A claim is one `TransactWriteItems`: the slot must be free, the person must not hold another
 * slot on the sail (`MEMBER#<user>` absent), and the sail must be open (not cancelled, not
 * departed). Expected outcomes come back as result values; only real failures throw.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 */
import { type AttributeValue, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { StorageError } from '../errors';
import type { SailingPlace } from '../fleet/vessel';
import type { Guest } from '../guests/guest';
import type { ChecklistTick } from '../sails/checklist';
import { newSailId } from '../sails/ids';
import { allowedFrom, checkTransition, type TransitionRefusal } from '../sails/lifecycle';
import { draftLimits } from '../sails/parse';
import { type ClosedReason, checkClaimable, closedReasons, slotsFor } from '../sails/roster';
import { buildSail, retimeSail } from '../sails/sail';
import {
  type Member,
  type Sail,
  type SailDraft,
  type SailStatus,
  type Slot,
  sailStatuses,
} from '../sails/types';
import { holdItems } from './crew';
import { entities } from './entities';
import { storageFailure } from './failures';
import { indexes, keys } from './keys';
import { queryItems } from './query';
import { readSailPartition, type SailRecord } from './sail-partition';
import { conditionFailed, transactWrite } from './transact';
import { checkWorkspace, registrationUpdate } from './workspaces';

export type { SailRecord } from './sail-partition';

/**
 * Items one create may write (META + captain + crew + the workspace registry): DynamoDB's original
 * transaction limit, kept as our own ceiling (20 crew fit easily).
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
 */
const CREATE_ITEM_LIMIT = 25;

/** What creating a sail did. */
export type CreateSailResult =
  | { ok: true; sail: Sail; slots: Slot[] }
  | { ok: false; reason: 'invalid'; error: string };

/** What creating one sail of a series did: `exists` when that date already has its sail (a retry). */
export type CreateInSeriesResult = CreateSailResult | { ok: false; reason: 'exists'; sailId: string };

/** What a claim or designation did. */
export type ClaimResult =
  | { ok: true; sail: Sail; slotId: string; holder: string; claimedAt: Date }
  | { ok: false; reason: 'taken'; slotId: string; holder: string }
  /** The free slot is held for someone on the waitlist until `until`. */
  | { ok: false; reason: 'held'; slotId: string; heldFor: string; until: Date }
  | { ok: false; reason: 'already_member'; slotId: string }
  | { ok: false; reason: 'closed'; closed: ClosedReason; message: string; sail: Sail }
  | { ok: false; reason: 'no_such_slot'; slotId: string }
  | { ok: false; reason: 'no_such_sail' };

/** What a release did. */
export type ReleaseResult =
  | { ok: true; slotId: string; holder: string; offer?: SlotOffer | undefined }
  | { ok: false; reason: 'not_holder'; holder: string }
  /** The waiter the slot was to be offered to left the list or got another offer: choose again. */
  | { ok: false; reason: 'offer_taken' }
  | { ok: false; reason: 'empty' }
  | { ok: false; reason: 'no_such_slot' };

/** A freed slot held for one person on the waitlist until `until`. */
export interface SlotOffer {
  userId: string;
  until: Date;
}

/** A holder to notify after a status change. */
export interface SlotHolder {
  slotId: string;
  userId: string;
}

/** What a status change did: the updated sail and who holds a slot on it (for DMs). */
export type SetStatusResult =
  | { ok: true; sail: Sail; slots: Slot[]; holders: SlotHolder[]; guests: Guest[]; previous: SailStatus }
  | { ok: false; reason: TransitionRefusal; message: string; sail: Sail }
  | { ok: false; reason: 'no_such_sail' };

/** What an edit did. */
export type EditSailResult =
  | { ok: true; sail: Sail; before: Sail; slots: Slot[]; holders: SlotHolder[] }
  | { ok: false; reason: 'invalid'; error: string }
  /** A slot the edit would remove is held (someone claimed it meanwhile). */
  | { ok: false; reason: 'held'; holders: SlotHolder[] }
  /** More guest seats are taken than the edit leaves. */
  | { ok: false; reason: 'seats'; taken: number }
  /** The sail changed, was cancelled or departed since it was read: read it again. */
  | { ok: false; reason: 'changed' }
  | { ok: false; reason: 'no_such_sail' };

/** One of a person's roles, with the sail as it is now (it may be on hold or cancelled). */
export interface Role {
  sail: Sail;
  slotId: string;
}

/** What ticking a checklist item did. */
export type TickResult = { ok: true; tick: ChecklistTick } | { ok: false; reason: 'no_such_sail' };

/** The sail store. */
export interface SailStore {
  /**
   * Creates a sail and its slots in one transaction; the draft must already be validated, and is
   * timed at its vessel's home port and zone (`place`).
   */
  create(draft: SailDraft, createdBy: string, place: SailingPlace): Promise<CreateSailResult>;
  /**
   * Changes a planned sail as read (`record`): the sail retimed from a validated draft at its
   * vessel's place, crew slots added or removed (a held one is never removed), members re-indexed
   * under the new departure, the guest seats checked against the new capacity: one transaction,
   * conditional on the version read.
   */
  edit(record: SailRecord, draft: SailDraft, place: SailingPlace): Promise<EditSailResult>;
  /**
   * Creates one sail of a weekly series: the same transaction as `create`, plus the series' item for
   * the sail's date, written once (a retried series finds the date taken: `exists`). The workspace
   * was registered when the series was started.
   */
  createInSeries(
    draft: SailDraft,
    createdBy: string,
    seriesId: string,
    place: SailingPlace,
  ): Promise<CreateInSeriesResult>;
  /** The sail's whole partition, typed (slots, members, ticks, guests, waivers), in one Query; undefined if unknown. */
  get(sailId: string): Promise<SailRecord | undefined>;
  /**
   * A person claims a free slot: 1 transaction, plus 1 read of the sail unless the caller passes
   * the sail it has already read (`departAt` never changes; the transaction checks the status).
   */
  claim(sailId: string, slotId: string, userId: string, known?: { sail?: Sail }): Promise<ClaimResult>;
  /**
   * A holder (or an admin, for anyone) frees a slot; with `offer`, the freed slot is held for that
   * person on the waitlist in the same transaction (they must still be waiting with nothing held).
   */
  release(
    sailId: string,
    slotId: string,
    byUserId: string,
    opts?: { isAdmin?: boolean; offer?: SlotOffer | undefined },
  ): Promise<ReleaseResult>;
  /**
   * An admin puts someone in a free slot; same rules as a claim. A slot held by someone else
   * answers `taken`: the admin releases it first, so nobody is displaced silently.
   */
  designate(
    sailId: string,
    slotId: string,
    userId: string,
    byAdmin: string,
    known?: { sail?: Sail },
  ): Promise<ClaimResult>;
  /**
   * Holds (with a reason), unholds (`scheduled`) or cancels (with a reason) a sail; with
   * `uncancel`, brings a cancelled sail back to `scheduled` before it departs.
   */
  setStatus(
    sailId: string,
    status: SailStatus,
    reason?: string,
    opts?: { uncancel?: boolean },
  ): Promise<SetStatusResult>;
  /** Sails departing from `from` (default now) up to `days` ahead, in departure order. */
  upcoming(opts?: {
    from?: Date;
    days?: number;
    limit?: number;
    includeCancelled?: boolean;
  }): Promise<Sail[]>;
  /** A person's roles on sails departing from `from` (default now), in departure order. */
  rolesFor(userId: string, from?: Date): Promise<Role[]>;
  /** Records who ticked (or unticked) a checklist item and when. */
  tickChecklist(sailId: string, itemId: string, userId: string, checked: boolean): Promise<TickResult>;
}

/**
 * A string attribute of the item a failed condition returned (`ReturnValuesOnConditionCheckFailure`).
 * The document client leaves exception payloads in wire format, so both shapes are read.
 */
function attr(item: Record<string, AttributeValue> | undefined, name: string): string | undefined {
  const v: unknown = item?.[name];
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && 'S' in v && typeof v.S === 'string') return v.S;
  return undefined;
}

const failedCondition = conditionFailed;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds the sail store over the document client and table. */
export function createSailStore(deps: {
  doc: DynamoDBDocumentClient;
  table: string;
  /** The Slack team id every key of this store begins with. */
  workspace: string;
  now?: () => Date;
  newId?: () => string;
}): SailStore {
  const { doc, table } = deps;
  const ws = checkWorkspace(deps.workspace);
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => newSailId());

  const transact = (input: TransactWriteCommandInput) => transactWrite(doc, input);

  async function getSail(sailId: string, consistent = false): Promise<Sail | undefined> {
    const r = await doc.send(
      new GetCommand({ TableName: table, Key: keys.sail(ws, sailId), ConsistentRead: consistent }),
    );
    return r.Item ? entities.sail.parse(r.Item) : undefined;
  }

  const get = (sailId: string): Promise<SailRecord | undefined> => readSailPartition(doc, table, ws, sailId);

  function create(draft: SailDraft, createdBy: string, place: SailingPlace): Promise<CreateSailResult> {
    return insert(draft, createdBy, place) as Promise<CreateSailResult>;
  }

  /** Creates a sail: alone (registering the workspace), or as one date of a series. */
  async function insert(
    draft: SailDraft,
    createdBy: string,
    place: SailingPlace,
    seriesId?: string,
  ): Promise<CreateInSeriesResult> {
    const slotIds = slotsFor(draft.crewCount);
    if (slotIds.length + 2 > CREATE_ITEM_LIMIT) {
      return {
        ok: false,
        reason: 'invalid',
        error: `A sail can have at most ${draftLimits.maxCrew} crew. Write crew=<n> with n from 0 to ${draftLimits.maxCrew}.`,
      };
    }
    // A fresh id collides about once in a billion; a failed META condition just draws another.
    for (let attempt = 0; attempt < 3; attempt++) {
      const built = buildSail(draft, { id: newId(), createdBy, now: now(), place });
      if (!built.ok) return { ok: false, reason: 'invalid', error: built.error };
      const sail: Sail = seriesId ? { ...built.value, seriesId } : built.value;
      const slots: Slot[] = slotIds.map((slotId) => ({ sailId: sail.id, slotId }));
      const last = seriesId
        ? {
            // One sail per date of a series, whatever retries happen.
            Put: {
              TableName: table,
              Item: entities.seriesSail.item({ workspace: ws, seriesId, date: sail.date, sailId: sail.id }),
              ConditionExpression: 'attribute_not_exists(PK)',
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
            },
          }
        : // The workspace is registered with its sails, so the sweep finds every one that has any.
          { Update: registrationUpdate(table, ws, sail.createdAt) };
      const outcome = await transact({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: entities.sail.item({ ...sail, workspace: ws }),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          ...slots.map((s) => ({
            Put: {
              TableName: table,
              Item: entities.slot.item({ ...s, workspace: ws }),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          })),
          last,
        ],
      });
      if (outcome.ok) return { ok: true, sail, slots };
      const dateR = outcome.reasons[outcome.reasons.length - 1];
      if (seriesId && failedCondition(dateR)) {
        const existing = attr(dateR?.Item, 'sailId');
        if (existing) return { ok: false, reason: 'exists', sailId: existing };
      }
    }
    throw new StorageError('Could not find a free sail id after 3 tries');
  }

  /** Claim and designate: one transaction over slot, member and the sail's META. */
  async function assign(
    sailId: string,
    slotId: string,
    userId: string,
    designatedBy?: string,
    known?: Sail,
    retried = false,
  ): Promise<ClaimResult> {
    // The member item is keyed by departure for the by-user index. An edit can move it, so the
    // ConditionCheck requires the departure read; a claim that raced an edit reads again once.
    const sail = known?.id === sailId ? known : await getSail(sailId, retried);
    if (!sail) return { ok: false, reason: 'no_such_sail' };
    const at = now();
    const open = checkClaimable(sail, at);
    if (!open.ok) return { ok: false, reason: 'closed', closed: open.reason, message: open.message, sail };
    const outcome = await transact({
      TransactItems: [
        {
          Update: {
            TableName: table,
            Key: keys.slot(ws, sailId, slotId),
            UpdateExpression: designatedBy
              ? 'SET holder = :u, claimedAt = :at, designatedBy = :by REMOVE heldFor, heldUntil'
              : 'SET holder = :u, claimedAt = :at REMOVE designatedBy, heldFor, heldUntil',
            // A slot held for someone on the waitlist is theirs alone until the hold ends; an
            // admin's designation overrides it.
            ConditionExpression: designatedBy
              ? 'attribute_exists(PK) AND attribute_not_exists(holder)'
              : 'attribute_exists(PK) AND attribute_not_exists(holder) AND (attribute_not_exists(heldFor) OR heldFor = :u OR heldUntil <= :at)',
            ExpressionAttributeValues: {
              ':u': userId,
              ':at': at.toISOString(),
              ...(designatedBy ? { ':by': designatedBy } : {}),
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Put: {
            TableName: table,
            Item: entities.member.item({ workspace: ws, sailId, userId, slotId, departAt: sail.departAt }),
            ConditionExpression: 'attribute_not_exists(PK)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          ConditionCheck: {
            TableName: table,
            Key: keys.sail(ws, sailId),
            ConditionExpression:
              'attribute_exists(PK) AND #status <> :cancelled AND departAt > :now AND departAt = :departAt',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':cancelled': sailStatuses.cancelled,
              ':now': at.toISOString(),
              ':departAt': sail.departAt.toISOString(),
            },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        // Aboard means off the waitlist.
        { Delete: { TableName: table, Key: keys.waiter(ws, sailId, userId) } },
      ],
    });
    if (outcome.ok) return { ok: true, sail, slotId, holder: userId, claimedAt: at };
    const [slotR, memberR, metaR] = outcome.reasons;
    if (failedCondition(metaR)) {
      if (!metaR?.Item) return { ok: false, reason: 'no_such_sail' };
      const departAt = attr(metaR.Item, 'departAt');
      if (!retried && departAt !== undefined && departAt !== sail.departAt.toISOString()) {
        return assign(sailId, slotId, userId, designatedBy, undefined, true);
      }
      const current: Sail =
        attr(metaR.Item, 'status') === sailStatuses.cancelled
          ? { ...sail, status: sailStatuses.cancelled }
          : sail;
      const closed = checkClaimable(current, at);
      return closed.ok
        ? {
            ok: false,
            reason: 'closed',
            closed: closedReasons.departed,
            message: `${sailId} is closed.`,
            sail: current,
          }
        : { ok: false, reason: 'closed', closed: closed.reason, message: closed.message, sail: current };
    }
    if (failedCondition(slotR) && !slotR?.Item) return { ok: false, reason: 'no_such_slot', slotId };
    if (failedCondition(memberR)) {
      return { ok: false, reason: 'already_member', slotId: attr(memberR?.Item, 'slotId') ?? slotId };
    }
    const holder = attr(slotR?.Item, 'holder');
    const heldFor = attr(slotR?.Item, 'heldFor');
    const heldUntil = attr(slotR?.Item, 'heldUntil');
    if (holder === undefined && heldFor !== undefined && heldUntil !== undefined) {
      return { ok: false, reason: 'held', slotId, heldFor, until: new Date(heldUntil) };
    }
    if (holder === undefined) throw new StorageError(`Claim of ${sailId}:${slotId} failed without a reason`);
    return { ok: false, reason: 'taken', slotId, holder };
  }

  async function release(
    sailId: string,
    slotId: string,
    byUserId: string,
    opts: { isAdmin?: boolean; offer?: SlotOffer | undefined } = {},
  ): Promise<ReleaseResult> {
    const { offer } = opts;
    const at = now();
    for (let attempt = 0; attempt < 3; attempt++) {
      let expected = byUserId;
      if (opts.isAdmin) {
        const r = await doc.send(
          new GetCommand({ TableName: table, Key: keys.slot(ws, sailId, slotId), ConsistentRead: true }),
        );
        if (!r.Item) return { ok: false, reason: 'no_such_slot' };
        const slot = entities.slot.parse(r.Item);
        if (!slot.holder) return { ok: false, reason: 'empty' };
        expected = slot.holder;
      }
      const outcome = await transact({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: keys.slot(ws, sailId, slotId),
              UpdateExpression: offer
                ? 'SET heldFor = :w, heldUntil = :until REMOVE holder, claimedAt, designatedBy'
                : 'REMOVE holder, claimedAt, designatedBy, heldFor, heldUntil',
              ConditionExpression: 'attribute_exists(PK) AND holder = :u',
              ExpressionAttributeValues: {
                ':u': expected,
                ...(offer ? { ':w': offer.userId, ':until': offer.until.toISOString() } : {}),
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Delete: {
              TableName: table,
              Key: keys.member(ws, sailId, expected),
              ConditionExpression: 'slotId = :slot',
              ExpressionAttributeValues: { ':slot': slotId },
            },
          },
          ...(offer ? holdItems(table, ws, sailId, slotId, offer, at) : []),
        ],
      });
      if (outcome.ok) return { ok: true, slotId, holder: expected, offer };
      if (offer && failedCondition(outcome.reasons[2])) return { ok: false, reason: 'offer_taken' };
      const slotR = outcome.reasons[0];
      if (failedCondition(slotR)) {
        if (!slotR?.Item) return { ok: false, reason: 'no_such_slot' };
        const holder = attr(slotR.Item, 'holder');
        if (!holder) return { ok: false, reason: 'empty' };
        // An admin read a holder who released in the meantime and someone else claimed: look again.
        if (opts.isAdmin) continue;
        return { ok: false, reason: 'not_holder', holder };
      }
      throw new StorageError(`Slot ${sailId}:${slotId} is held without its member record`);
    }
    throw new StorageError(`Slot ${sailId}:${slotId} kept changing while it was being released`);
  }

  async function setStatus(
    sailId: string,
    status: SailStatus,
    reason?: string,
    opts: { uncancel?: boolean } = {},
  ): Promise<SetStatusResult> {
    const at = now();
    const from = allowedFrom(status, opts);
    const why = reason?.trim() || undefined;
    const holdReason = status === sailStatuses.onHold ? why : undefined;
    const cancelReason = status === sailStatuses.cancelled ? why : undefined;
    const sets = ['#status = :to', 'version = version + :one'];
    const removes: string[] = [];
    if (holdReason) sets.push('holdReason = :reason');
    else removes.push('holdReason');
    if (cancelReason) sets.push('cancelReason = :reason');
    else removes.push('cancelReason');
    let previous: SailStatus = status;
    try {
      const r = await doc.send(
        new UpdateCommand({
          TableName: table,
          Key: keys.sail(ws, sailId),
          UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
          ConditionExpression: `attribute_exists(PK) AND departAt > :now AND #status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': status,
            ':one': 1,
            ':now': at.toISOString(),
            ...Object.fromEntries(from.map((s, i) => [`:from${i}`, s])),
            ...(holdReason || cancelReason ? { ':reason': holdReason ?? cancelReason } : {}),
          },
          // The status it had, so a repeated hold can be told from a new one.
          ReturnValues: 'ALL_OLD',
        }),
      );
      previous = r.Attributes ? entities.sail.parse(r.Attributes).status : status;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) {
        throw storageFailure(`Could not change the status of ${sailId}`, err);
      }
      const current = await getSail(sailId, true);
      if (!current) return { ok: false, reason: 'no_such_sail' };
      const check = checkTransition(current, status, at, opts);
      if (check.ok)
        throw new StorageError(`Status change of ${sailId} refused for no known reason`, { cause: err });
      return { ok: false, reason: check.reason, message: check.message, sail: current };
    }
    const record = await get(sailId);
    if (!record) throw new StorageError(`Sail ${sailId} vanished after a status change`);
    const holders = record.slots.flatMap((s) => (s.holder ? [{ slotId: s.slotId, userId: s.holder }] : []));
    return { ok: true, sail: record.sail, slots: record.slots, holders, guests: record.guests, previous };
  }

  async function upcoming(
    opts: { from?: Date; days?: number; limit?: number; includeCancelled?: boolean } = {},
  ): Promise<Sail[]> {
    const from = opts.from ?? now();
    const days = opts.days ?? 30;
    const limit = opts.limit ?? 50;
    const until = new Date(from.getTime() + days * 86_400_000);
    const out: Sail[] = [];
    const items = queryItems(
      doc,
      {
        TableName: table,
        IndexName: indexes.byDeparture,
        // GSI1SK is `<departAt ISO>#<id>`; `~` sorts after `#`, so the upper bound includes `until`.
        KeyConditionExpression: 'GSI1PK = :p AND GSI1SK BETWEEN :lo AND :hi',
        ExpressionAttributeValues: {
          ':p': keys.sailsPartition(ws),
          ':lo': from.toISOString(),
          ':hi': `${until.toISOString()}~`,
        },
      },
      { pageSize: limit },
    );
    for await (const item of items) {
      const sail = entities.sail.parse(item);
      if (sail.departAt.getTime() <= from.getTime()) continue;
      if (opts.includeCancelled === false && sail.status === sailStatuses.cancelled) continue;
      out.push(sail);
      if (out.length >= limit) break;
    }
    return out;
  }

  async function rolesFor(userId: string, from: Date = now()): Promise<Role[]> {
    const members: Member[] = [];
    const items = queryItems(doc, {
      TableName: table,
      IndexName: indexes.byUser,
      KeyConditionExpression: 'GSI2PK = :u AND GSI2SK > :from',
      ExpressionAttributeValues: { ':u': keys.userPartition(ws, userId), ':from': from.toISOString() },
    });
    for await (const item of items) {
      const member = entities.member.parse(item);
      if (member.departAt.getTime() > from.getTime()) members.push(member);
    }
    if (members.length === 0) return [];
    // The sails' current state (status, hold reason) lives on META only: one BatchGet per 100.
    const sails = new Map<string, Sail>();
    const ids = [...new Set(members.map((m) => m.sailId))];
    for (let i = 0; i < ids.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
        [table]: { Keys: ids.slice(i, i + 100).map((id) => ({ ...keys.sail(ws, id) })) },
      };
      for (let round = 0; request && Object.keys(request).length > 0 && round < 5; round++) {
        if (round > 0) await sleep(20 * 2 ** round);
        const r: BatchGetCommandOutput = await doc.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of r.Responses?.[table] ?? []) {
          const sail = entities.sail.parse(item);
          sails.set(sail.id, sail);
        }
        const unprocessed: Record<string, unknown>[] | undefined = r.UnprocessedKeys?.[table]?.Keys;
        request = unprocessed && unprocessed.length > 0 ? { [table]: { Keys: unprocessed } } : undefined;
      }
      if (request) throw new StorageError(`Could not read the sails of ${userId}'s roles (throttled)`);
    }
    return members.flatMap((m) => {
      const sail = sails.get(m.sailId);
      return sail ? [{ sail, slotId: m.slotId }] : [];
    });
  }

  async function tickChecklist(
    sailId: string,
    itemId: string,
    userId: string,
    checked: boolean,
  ): Promise<TickResult> {
    const tick: ChecklistTick = { itemId, checked, by: userId, at: now() };
    const outcome = await transact({
      TransactItems: [
        {
          ConditionCheck: {
            TableName: table,
            Key: keys.sail(ws, sailId),
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
        {
          Put: {
            TableName: table,
            Item: entities.checklistTick.item({ workspace: ws, sailId, ...tick }),
          },
        },
      ],
    });
    return outcome.ok ? { ok: true, tick } : { ok: false, reason: 'no_such_sail' };
  }

  async function edit(record: SailRecord, draft: SailDraft, place: SailingPlace): Promise<EditSailResult> {
    const before = record.sail;
    const at = now();
    const retimed = retimeSail(before, draft, { now: at, place });
    if (!retimed.ok) return { ok: false, reason: 'invalid', error: retimed.error };
    const sail = retimed.value;
    const wanted = new Set(slotsFor(sail.crewCount));
    const removed = record.slots.filter((s) => !wanted.has(s.slotId));
    const held = removed.flatMap((s) => (s.holder ? [{ slotId: s.slotId, userId: s.holder }] : []));
    if (held.length > 0) return { ok: false, reason: 'held', holders: held };
    if (record.seatsTaken > sail.guestCapacity)
      return { ok: false, reason: 'seats', taken: record.seatsTaken };
    const have = new Set(record.slots.map((s) => s.slotId));
    const added: Slot[] = [...wanted]
      .filter((id) => !have.has(id))
      .map((slotId) => ({ sailId: sail.id, slotId }));
    const moved = sail.departAt.getTime() !== before.departAt.getTime();
    const outcome = await transact({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: entities.sail.item({ ...sail, workspace: ws }),
            // The version read, still open: an edit never overwrites a change it did not see.
            ConditionExpression: 'version = :v AND #status <> :cancelled AND departAt > :now',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':v': before.version,
              ':cancelled': sailStatuses.cancelled,
              ':now': at.toISOString(),
            },
          },
        },
        ...removed.map((s) => ({
          Delete: {
            TableName: table,
            Key: keys.slot(ws, sail.id, s.slotId),
            ConditionExpression: 'attribute_not_exists(holder)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
        })),
        ...added.map((s) => ({
          Put: {
            TableName: table,
            Item: entities.slot.item({ ...s, workspace: ws }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        })),
        // Each member's by-user index entry follows the departure; the member must still be there.
        ...(moved
          ? record.members.map((m) => ({
              Put: {
                TableName: table,
                Item: entities.member.item({ ...m, workspace: ws, departAt: sail.departAt }),
                ConditionExpression: 'attribute_exists(PK) AND slotId = :slot',
                ExpressionAttributeValues: { ':slot': m.slotId },
              },
            }))
          : []),
        ...(sail.guestCapacity < before.guestCapacity
          ? [
              {
                ConditionCheck: {
                  TableName: table,
                  Key: keys.guestCount(ws, sail.id),
                  ConditionExpression: 'attribute_not_exists(#count) OR #count <= :cap',
                  ExpressionAttributeNames: { '#count': 'count' },
                  ExpressionAttributeValues: { ':cap': sail.guestCapacity },
                },
              },
            ]
          : []),
      ],
    });
    if (!outcome.ok) {
      const fresh = await get(sail.id);
      if (!fresh) return { ok: false, reason: 'no_such_sail' };
      const nowHeld = fresh.slots.flatMap((s) =>
        !wanted.has(s.slotId) && s.holder ? [{ slotId: s.slotId, userId: s.holder }] : [],
      );
      if (nowHeld.length > 0) return { ok: false, reason: 'held', holders: nowHeld };
      if (fresh.seatsTaken > sail.guestCapacity)
        return { ok: false, reason: 'seats', taken: fresh.seatsTaken };
      return { ok: false, reason: 'changed' };
    }
    const after = await get(sail.id);
    if (!after) throw new StorageError(`Sail ${sail.id} vanished after an edit`);
    const holders = after.slots.flatMap((s) => (s.holder ? [{ slotId: s.slotId, userId: s.holder }] : []));
    return { ok: true, sail: after.sail, before, slots: after.slots, holders };
  }

  return {
    create,
    edit,
    createInSeries: (draft, createdBy, seriesId, place) => insert(draft, createdBy, place, seriesId),
    get,
    claim: (sailId, slotId, userId, known) => assign(sailId, slotId, userId, undefined, known?.sail),
    release,
    designate: (sailId, slotId, userId, byAdmin, known) =>
      assign(sailId, slotId, userId, byAdmin, known?.sail),
    setStatus,
    upcoming,
    rolesFor,
    tickChecklist,
  };
}
