/**
 * Slack's documented limits on Block Kit, checked on what Bosun builds. Slack answers
 * `invalid_blocks` to a message that breaks any of them, so a builder that passes its other tests
 * can still fail in a real workspace; every builder's test runs its output through this.
 * @see https://api.slack.com/reference/block-kit/blocks
 * @see https://api.slack.com/reference/block-kit/block-elements
 * @see https://api.slack.com/reference/block-kit/composition-objects#option
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (t: unknown): string => (isObj(t) && typeof t.text === 'string' ? t.text : '');

/** Every limit a list of blocks breaks, as sentences (empty when valid). */
export function blockKitProblems(blocks: unknown, opts: { maxBlocks?: number } = {}): string[] {
  const problems: string[] = [];
  const list = Array.isArray(blocks) ? blocks : [];
  const maxBlocks = opts.maxBlocks ?? 50;
  if (list.length > maxBlocks) problems.push(`${list.length} blocks (max ${maxBlocks})`);
  const blockIds = new Set<string>();
  const checkOption = (o: unknown, where: string) => {
    if (!isObj(o)) return;
    if (textOf(o.text).length > 75) problems.push(`${where}: option text ${textOf(o.text).length} > 75`);
    if (typeof o.value === 'string' && o.value.length > 150) problems.push(`${where}: option value > 150`);
    if (o.description && textOf(o.description).length > 75)
      problems.push(`${where}: option description > 75`);
  };
  const checkElement = (e: unknown, where: string, actionIds: Set<string>) => {
    if (!isObj(e)) return;
    if (typeof e.action_id === 'string') {
      if (e.action_id.length > 255) problems.push(`${where}: action_id > 255`);
      if (actionIds.has(e.action_id))
        problems.push(`${where}: action_id ${e.action_id} repeated in one block`);
      actionIds.add(e.action_id);
    }
    if (e.type === 'button') {
      if (textOf(e.text).length > 75) problems.push(`${where}: button text > 75`);
      if (typeof e.value === 'string' && e.value.length > 2000)
        problems.push(`${where}: button value > 2000`);
    }
    if (e.type === 'checkboxes' || e.type === 'radio_buttons' || e.type === 'static_select') {
      const options = Array.isArray(e.options) ? e.options : [];
      const max = e.type === 'static_select' ? 100 : 10;
      if (options.length > max) problems.push(`${where}: ${options.length} options (max ${max})`);
      for (const [i, o] of options.entries()) checkOption(o, `${where} option ${i}`);
      const values = new Set(options.filter(isObj).map((o) => JSON.stringify(o)));
      const initial = Array.isArray(e.initial_options)
        ? e.initial_options
        : e.initial_option
          ? [e.initial_option]
          : [];
      for (const o of initial)
        if (!values.has(JSON.stringify(o)))
          problems.push(`${where}: initial option is not one of the options`);
    }
  };
  for (const [i, b] of list.entries()) {
    const where = `block ${i}`;
    if (!isObj(b)) {
      problems.push(`${where}: not an object`);
      continue;
    }
    if (typeof b.block_id === 'string') {
      if (blockIds.has(b.block_id)) problems.push(`${where}: block_id ${b.block_id} repeated`);
      blockIds.add(b.block_id);
    }
    const actionIds = new Set<string>();
    switch (b.type) {
      case 'header':
        if (textOf(b.text).length > 150) problems.push(`${where}: header text > 150`);
        if (!isObj(b.text) || b.text.type !== 'plain_text')
          problems.push(`${where}: header text must be plain_text`);
        break;
      case 'section': {
        if (!b.text && !b.fields) problems.push(`${where}: section without text or fields`);
        if (textOf(b.text).length > 3000)
          problems.push(`${where}: section text ${textOf(b.text).length} > 3000`);
        const fields = Array.isArray(b.fields) ? b.fields : [];
        if (fields.length > 10) problems.push(`${where}: ${fields.length} fields > 10`);
        for (const f of fields) if (textOf(f).length > 2000) problems.push(`${where}: field > 2000`);
        if (b.accessory) checkElement(b.accessory, `${where} accessory`, actionIds);
        break;
      }
      case 'context': {
        const els = Array.isArray(b.elements) ? b.elements : [];
        if (els.length === 0 || els.length > 10) problems.push(`${where}: context needs 1–10 elements`);
        for (const e of els) if (textOf(e).length > 3000) problems.push(`${where}: context text > 3000`);
        break;
      }
      case 'actions': {
        const els = Array.isArray(b.elements) ? b.elements : [];
        if (els.length === 0 || els.length > 25) problems.push(`${where}: actions needs 1–25 elements`);
        for (const [j, e] of els.entries()) checkElement(e, `${where} element ${j}`, actionIds);
        break;
      }
      case 'input':
        if (textOf(b.label).length > 2000) problems.push(`${where}: input label > 2000`);
        checkElement(b.element, `${where} element`, actionIds);
        break;
      case 'divider':
        break;
      default:
        problems.push(`${where}: unexpected block type ${String(b.type)}`);
    }
  }
  return problems;
}
