/**
 * Ask for a report (admins): nothing is stored; the effect builds it, posts the summary and emails
 * the full report. Asked twice by the same interaction, the effect has the same key: sent once.
 */
import { type Done, keyed, only } from '../effects/types';
import type { ReportKind } from '../reports/model';
import type { Invocation, NotAdmin } from './context';

/** What asking came to. */
export type RequestReportOutcome =
  | NotAdmin
  | { kind: 'bad_entity'; entity: string }
  | {
      kind: 'queued';
      report: ReportKind;
      entity?: string | undefined;
      month?: string | undefined;
      channel: string;
      recipients: readonly string[];
    };

/** Queues a report. */
export async function requestReport(
  deps: { channel: string; recipients: readonly string[] },
  inv: Invocation,
  input: { kind: ReportKind; entity?: string | undefined; month?: string | undefined },
): Promise<Done<RequestReportOutcome>> {
  if (!inv.actor.isAdmin) return only({ kind: 'not_admin', what: 'ask for reports' });
  const { entity, month } = input;
  if (entity !== undefined && !/^[a-z0-9][a-z0-9-]{0,40}$/.test(entity))
    return only({ kind: 'bad_entity', entity });
  return {
    outcome: {
      kind: 'queued',
      report: input.kind,
      entity,
      month,
      channel: deps.channel,
      recipients: deps.recipients,
    },
    effects: keyed(inv.change, [
      {
        type: 'report',
        payload: {
          kind: input.kind,
          ...(entity ? { entity } : {}),
          ...(month ? { month } : {}),
          requestedBy: inv.actor.userId,
          channel: deps.channel,
        },
      },
    ]),
  };
}
