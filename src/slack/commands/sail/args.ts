/** Reading a sail id out of what someone typed, with a reply that says how to write it. */
import { normalizeSailId } from '../../../sails/ids';
import type { CommandContext, Reply } from '../../context';
import { escapeMrkdwn } from '../../escape';

/** A sail id read from what was typed; `note` says so when letters were read as digits. */
export interface SailIdArg {
  id: string;
  note?: string | undefined;
}

/**
 * The sentence that says a typed id was read differently (`S-NOPE99` as `S-N0PE99`: Crockford's
 * O → 0, I and L → 1), or undefined when only case or the `S-` prefix differ.
 */
export function idNote(raw: string, id: string): string | undefined {
  const typed = raw.trim().toUpperCase();
  const body = typed.startsWith('S-')
    ? typed.slice(2)
    : typed.length === 7 && typed.startsWith('S')
      ? typed.slice(1)
      : typed;
  if (body === id.slice(2)) return undefined;
  return `(I read "${escapeMrkdwn(raw.trim().slice(0, 40))}" as ${id}: sail ids use the digits 0 and 1, never the letters O, I or L.)`;
}

/** The sail id in `args[0]`, or the sentence to send back. */
export function sailIdArg(ctx: Pick<CommandContext, 'args'>, usage: string): SailIdArg | { error: string } {
  const raw = ctx.args[0];
  if (!raw) return { error: `Give a sail id. Usage: \`${usage}\`. \`/sail list\` shows the ids.` };
  const id = normalizeSailId(raw);
  if (!id) {
    return {
      error: `"${escapeMrkdwn(raw.slice(0, 40))}" is not a sail id; ids look like S-7K2M9Q. \`/sail list\` shows them.`,
    };
  }
  return { id, note: idNote(raw, id) };
}

/** A reply with the id's note in front of it, when there is one (a silent reply becomes the note). */
export function withIdNote(arg: SailIdArg, reply: Reply | null): Reply | null {
  if (!arg.note) return reply;
  if (reply === null) return arg.note;
  if (typeof reply === 'string') return `${arg.note}\n${reply}`;
  return {
    ...reply,
    text: `${arg.note}\n${reply.text}`,
    blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: arg.note }] }, ...reply.blocks],
  };
}
