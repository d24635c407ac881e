/**
 * Renders Block Kit as readable terminal text, including each button's action id and value,
 * so a person can follow (and replay with `bosun click`) the whole flow without Slack.
 */

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (t: unknown): string => (isObj(t) && typeof t.text === 'string' ? t.text : '');

/** Turns `<!date^…^{fmt}|fallback>` tokens into their fallback and `<@U1>` into `@U1`. */
export function plainMrkdwn(s: string): string {
  return s
    .replace(/<!date\^\d+\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<@([A-Z0-9]+)>/g, '@$1')
    .replace(/<#([A-Z0-9]+)(\|[^>]*)?>/g, '#$1')
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function element(e: Json): string {
  const id = typeof e.action_id === 'string' ? e.action_id : '?';
  const value = typeof e.value === 'string' ? ` ${e.value}` : '';
  switch (e.type) {
    case 'button':
      return `[${text(e.text)}] (${id}${value})`;
    case 'checkboxes': {
      const options = Array.isArray(e.options) ? e.options.filter(isObj) : [];
      const chosen = new Set(
        (Array.isArray(e.initial_options) ? e.initial_options.filter(isObj) : []).map((o) => o.value),
      );
      return options
        .map(
          (o) =>
            `${chosen.has(o.value) ? '[x]' : '[ ]'} ${plainMrkdwn(text(o.text))} (${id} ${String(o.value)})`,
        )
        .join('\n    ');
    }
    default:
      return `<${String(e.type)} ${id}>`;
  }
}

/** Renders a list of blocks, one line (or a few) per block. */
export function renderBlocks(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  const out: string[] = [];
  for (const b of blocks.filter(isObj)) {
    switch (b.type) {
      case 'header':
        out.push(`== ${text(b.text)} ==`);
        break;
      case 'section': {
        if (b.text) out.push(plainMrkdwn(text(b.text)));
        if (Array.isArray(b.fields)) out.push(b.fields.map((f) => `  ${plainMrkdwn(text(f))}`).join('\n'));
        if (isObj(b.accessory)) out.push(`    ${element(b.accessory)}`);
        break;
      }
      case 'context':
        out.push(
          `  (${(Array.isArray(b.elements) ? b.elements : []).map((e) => plainMrkdwn(text(e))).join(' · ')})`,
        );
        break;
      case 'actions':
        out.push(
          `    ${(Array.isArray(b.elements) ? b.elements.filter(isObj) : []).map(element).join('  ')}`,
        );
        break;
      case 'divider':
        out.push('  ----');
        break;
      case 'input':
        out.push(`  ${text(b.label)}: <${isObj(b.element) ? String(b.element.type) : 'input'}>`);
        break;
      default:
        out.push(`  <${String(b.type)}>`);
    }
  }
  return out.join('\n');
}

/** Renders a message (text + blocks) the way the terminal shows it. */
export function renderMessage(msg: { text?: unknown; blocks?: unknown }): string {
  const blocks = renderBlocks(msg.blocks);
  if (blocks) return blocks;
  return typeof msg.text === 'string' ? plainMrkdwn(msg.text) : '';
}
