/**
 * `defineEntity`: an item kind of the single table declared once — its zod schema (stored
 * attributes ⇄ domain value; dates are ISO strings in the table and `Date`s in the domain, through
 * codecs), its key builder and its index keys. The stores write items with `item` and read them
 * with `parse`, so a stored item of the wrong shape is a clear `StorageError` naming its key,
 * never a half-read value.
 * @see ../../../shared/DESIGN.md "Data"
 */
import { z } from 'zod';
import { StorageError } from '../errors';
import { type Key, ttlSeconds } from './keys';

/** The attributes an index adds to an item (its partition and sort key). */
export type IndexKey = Readonly<Record<string, string>>;

/** What an entity is declared with. `T`: the domain value; `P`: the parts its key is built from. */
export interface EntityDef<T extends object, P extends object> {
  /** The item's `type` attribute, which tells entities apart within a shared partition. */
  name: string;
  /** The stored attributes (keys excluded: they are derived), decoding to the domain value. */
  schema: z.ZodType<T>;
  /** The primary key, from the parts that identify one item (built by `keys.ts`). */
  key: (parts: P) => Key;
  /** Index keys by access pattern (`byDeparture`, `byUser`), from the value being written. */
  indexes?: Readonly<Record<string, (value: T & P) => IndexKey>>;
}

/** A declared entity: its declaration plus the writer and the parser every store uses. */
export interface Entity<T extends object, P extends object> extends EntityDef<T, P> {
  /**
   * The whole item to put: key, index keys, `type`, the encoded attributes and, with `expires`,
   * the TTL attribute.
   */
  item(value: T & P, opts?: { expires?: Date }): Record<string, unknown>;
  /** Decodes a stored item; a wrong shape throws a `StorageError` naming the item's key. */
  parse(item: Record<string, unknown>): T;
  /** Whether a raw item of a shared partition is one of this entity's. */
  is(item: Record<string, unknown>): boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Declares an entity; see the module comment. */
export function defineEntity<T extends object, P extends object = T>(def: EntityDef<T, P>): Entity<T, P> {
  return {
    ...def,
    item(value, opts = {}) {
      const encoded: unknown = z.encode(def.schema, value);
      if (!isRecord(encoded)) throw new StorageError(`A ${def.name} did not encode to an item`);
      const indexKeys = Object.values(def.indexes ?? {}).map((index) => index(value));
      return {
        ...encoded,
        ...Object.assign({}, ...indexKeys),
        ...def.key(value),
        type: def.name,
        ...(opts.expires ? { expiresAt: ttlSeconds(opts.expires) } : {}),
      };
    },
    parse(item) {
      const r = def.schema.safeDecode(item);
      if (!r.success) {
        throw new StorageError(
          `Stored ${def.name} ${String(item.PK)}/${String(item.SK)} has an unexpected shape: ${z.prettifyError(r.error)}`,
          { cause: r.error },
        );
      }
      return r.data;
    },
    is: (item) => item.type === def.name,
  };
}

/** An instant: an ISO-8601 UTC string in the table (it sorts as text), a `Date` in the domain. */
export const instant = z.codec(z.iso.datetime(), z.date(), {
  decode: (iso) => new Date(iso),
  encode: (date) => date.toISOString(),
});

/**
 * Compile-time proof that a schema's output is exactly a domain type: the same keys, each side
 * assignable to the other. Pass `true`; anything else fails to type-check.
 */
export type SameShape<A, B> = [keyof A] extends [keyof B]
  ? [keyof B] extends [keyof A]
    ? [A] extends [B]
      ? [B] extends [A]
        ? true
        : false
      : false
    : false
  : false;
