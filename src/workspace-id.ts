/** What a workspace id is, on its own so the config can check `BOSUN_WORKSPACE` with it. */
import { z } from 'zod';

/**
 * A Slack team id (`T…`, or `E…` for an Enterprise Grid org): upper-case letters and digits, so it
 * can never be mistaken for a key's own words (`SAIL`, `CODE`, …) or hold a `#`.
 */
export const workspaceId = z
  .string()
  .regex(/^[TE][A-Z0-9]{2,}$/, 'must be a Slack team id such as T012ABCDEF');
