/**
 * The guest page at `/g/:code`, in two steps. First it only looks at the link (`GET /api/auth/peek`,
 * which spends nothing) and shows the sail's title and date with one button; a mail scanner that
 * opens and renders the page stops there. The guest's press claims the code (`POST /api/auth/claim`;
 * the token is kept in sessionStorage so a reload does not need the used code again), then the page
 * shows the sail and the waiver, and signs it. Everything from the server or the guest goes into the
 * DOM as text, never as HTML.
 */
import {
  type FieldError,
  MINORS_MAX,
  SIGNER_NAME_MAX,
  validateWaiverForm,
  type WaiverForm,
} from '../../src/guests/waiver-rules';
import './style.css';

interface TimeEntry {
  key: string;
  label: string;
  at: string;
  local: string;
}
interface GuestView {
  sail: {
    id: string;
    title: string;
    date: string;
    dateLabel: string;
    zone: string;
    zoneLabel: string;
    vesselName?: string;
    /** The business guests sail with, when the portfolio names it. */
    brand?: string;
    status: 'confirmed' | 'on_hold' | 'cancelled';
    holdReason?: string;
    statusMessage: string;
    times: TimeEntry[];
    arrival: { meet?: string; parking?: string; bring?: string; note?: string };
  };
  guest: {
    id: string;
    name: string;
    status: 'on_hold' | 'signed';
    statusMessage: string;
    signedAt?: string;
    signedAtLabel?: string;
    signedName?: string;
  };
  waiver: { version: string; text: string; sha256: string };
  today: string;
}
interface ApiError {
  error: string;
  message: string;
  reason?: string;
  canResend?: boolean;
  fields?: FieldError[];
  seatsLeft?: number;
}
interface Session {
  token: string;
  expiresAt: string;
}
/** What `GET /api/auth/peek` says about a link before it is spent. */
interface Peek {
  state: 'ready' | 'used' | 'expired' | 'superseded' | 'revoked' | 'signed';
  sail: { title: string; date: string; dateLabel: string; status: 'scheduled' | 'on_hold' | 'cancelled' };
  message?: string;
  canResend?: boolean;
  signedAtLabel?: string;
}

const main = document.getElementById('main') as HTMLElement;
const code = decodeURIComponent(/^\/g\/([^/?#]+)/.exec(location.pathname)?.[1] ?? '');
const sessionKey = `bosun.session.${code}`;

type Child = Node | string | null | undefined | false;

/** Creates an element with attributes and children; strings become text nodes. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

async function api<T>(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
    });
  } catch {
    return {
      ok: false as const,
      status: 0,
      error: { error: 'network', message: 'No connection. Check your signal and try again.' } as ApiError,
    };
  }
  const json = (await res.json().catch(() => ({}))) as T & ApiError;
  if (res.ok) return { ok: true as const, status: res.status, data: json as T };
  return {
    ok: false as const,
    status: res.status,
    error: { ...json, message: json.message ?? 'Something went wrong. Please try again.' },
  };
}

function loadSession(): Session | undefined {
  try {
    // Expiry is the server's call (a phone's clock may be off); a 401 clears the session.
    const s = JSON.parse(sessionStorage.getItem(sessionKey) ?? 'null') as Session | null;
    if (s && typeof s.token === 'string') return s;
  } catch {
    // A corrupt entry is simply replaced by a fresh claim.
  }
  sessionStorage.removeItem(sessionKey);
  return undefined;
}

function show(...nodes: Node[]) {
  main.replaceChildren(...nodes);
}

/** The message for a link that no longer works, with "Email me a new link" when the server allows it. */
function linkProblem(err: ApiError, canResend: boolean, title = 'This link does not work any more') {
  const status = h('p', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'secondary' }, 'Email me a new link');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Sending…';
    const r = await api<{ message: string }>('/auth/resend', { method: 'POST', body: { code } });
    if (!r.ok && r.error.reason === 'signed') {
      alreadySigned(r.error);
      return;
    }
    status.textContent = r.ok ? r.data.message : r.error.message;
    status.className = `notice ${r.ok ? 'ok' : 'bad'}`;
    if (!r.ok) button.disabled = false;
  });
  const heading = h('h1', { tabindex: '-1' }, title);
  show(
    h(
      'section',
      { 'aria-labelledby': 'problem-title' },
      Object.assign(heading, { id: 'problem-title' }),
      h('p', { class: 'notice bad' }, err.message),
      canResend && h('p', {}, 'We can email a new link to the address your invitation was sent to.'),
      canResend && button,
      status,
    ),
  );
  heading.focus();
}

/** A spent link of a guest who has signed: the signed state, and no new link to ask for. */
function alreadySigned(err: ApiError) {
  const heading = h('h1', { id: 'signed-title', tabindex: '-1' }, 'Your waiver is signed');
  show(
    h(
      'section',
      { 'aria-labelledby': 'signed-title' },
      heading,
      h('p', { class: 'notice ok', id: 'guest-status' }, err.message),
      h(
        'p',
        { class: 'hint' },
        'We email you a copy of what you signed: look for it in your inbox (or spam folder). There is nothing more to do here.',
      ),
    ),
  );
  heading.focus();
}

async function start() {
  if (!code) {
    linkProblem(
      { error: 'invalid_input', message: 'This page needs the link from your invitation email.' },
      false,
    );
    return;
  }
  const session = loadSession();
  if (session) {
    await load(session.token);
    return;
  }
  // Look first, spend nothing: the code is claimed only when the guest presses the button.
  const peeked = await api<Peek>(`/auth/peek?code=${encodeURIComponent(code)}`);
  if (!peeked.ok) {
    // Too many tries from this connection, or no connection: the link itself may be fine.
    const busy = peeked.status === 429 || peeked.status === 0;
    linkProblem(peeked.error, false, busy ? 'Please try again in a few minutes' : undefined);
    return;
  }
  const p = peeked.data;
  if (p.state === 'signed') {
    alreadySigned({ error: 'signed', message: p.message ?? 'You have signed the waiver; you are all set.' });
    return;
  }
  if (p.state !== 'ready') {
    linkProblem({ error: p.state, message: p.message ?? '' }, p.canResend === true);
    return;
  }
  opening(p);
}

/** Step one: what the link is for, and the one button that opens it. */
function opening(p: Peek) {
  const button = h('button', { type: 'button', class: 'primary', id: 'open' }, 'Open my sail and waiver');
  const status = h('p', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  const heading = h('h1', { id: 'sail-title', tabindex: '-1' }, p.sail.title);
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Opening…';
    const claimed = await api<Session>('/auth/claim', { method: 'POST', body: { code } });
    if (!claimed.ok) {
      if (claimed.error.reason === 'signed') alreadySigned(claimed.error);
      else if (claimed.status === 429 || claimed.status === 0) {
        status.textContent = claimed.error.message;
        status.className = 'notice bad';
        button.disabled = false;
      } else linkProblem(claimed.error, claimed.error.canResend === true);
      return;
    }
    sessionStorage.setItem(sessionKey, JSON.stringify(claimed.data));
    await load(claimed.data.token, 'top');
  });
  show(
    h(
      'section',
      { 'aria-labelledby': 'sail-title' },
      heading,
      h('p', { class: 'date' }, p.sail.dateLabel),
      h('p', {}, 'Your invitation is ready: see the times, how to get to the dock, and sign the waiver.'),
      button,
      status,
      h(
        'p',
        { class: 'hint' },
        'The link works once: after this, keep this tab open, or ask the page for a new link.',
      ),
    ),
  );
  heading.focus();
}

async function load(token: string, focus?: 'confirmation' | 'top') {
  const r = await api<GuestView>('/guest', { token });
  if (!r.ok) {
    if (r.status === 401) sessionStorage.removeItem(sessionKey);
    linkProblem(r.error, r.status === 401);
    return;
  }
  render(r.data, token, focus);
}

function sailSection(view: GuestView, token: string) {
  const { sail } = view;
  const statusClass = sail.status === 'confirmed' ? 'ok' : sail.status === 'on_hold' ? 'warn' : 'bad';
  return h(
    'section',
    { 'aria-labelledby': 'sail-title' },
    h('h1', { id: 'sail-title' }, sail.title),
    h(
      'p',
      { class: 'date' },
      sail.vesselName ? `${sail.dateLabel} · aboard ${sail.vesselName}` : sail.dateLabel,
    ),
    h('p', { class: `notice ${statusClass}`, id: 'sail-status' }, sail.statusMessage),
    h('h2', {}, 'Timing'),
    h(
      'dl',
      { class: 'times' },
      ...sail.times.map((t) =>
        h(
          'div',
          { 'data-time': t.key },
          h('dt', {}, t.label),
          h('dd', {}, h('time', { datetime: t.at }, t.local)),
        ),
      ),
    ),
    h('p', { class: 'zone' }, 'Times are local time at the dock.'),
    calendarButton(token),
    arrivalSection(sail.arrival),
  );
}

/** "Add to calendar": the same .ics file the invitation carries, fetched with the session's token. */
function calendarButton(token: string) {
  const status = h('span', { class: 'calendar-status', role: 'status' });
  const button = h(
    'button',
    { type: 'button', class: 'secondary', id: 'add-to-calendar' },
    'Add to calendar',
  );
  button.addEventListener('click', async () => {
    status.textContent = '';
    try {
      const res = await fetch('/api/guest/calendar.ics', { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(String(res.status));
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'sail.ics';
      const url = URL.createObjectURL(await res.blob());
      const a = h('a', { href: url, download: name });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      status.textContent = 'The calendar file could not be fetched just now. Try again in a minute.';
    }
  });
  return h('p', { class: 'calendar' }, button, ' ', status);
}

const arrivalLabels = [
  ['meet', 'Where to meet'],
  ['parking', 'Parking'],
  ['bring', 'What to bring'],
  ['note', 'Note'],
] as const;

/** Meeting place, parking and what to bring, as far as the sail has them. */
function arrivalSection(arrival: GuestView['sail']['arrival']) {
  const rows = arrivalLabels.flatMap(([key, label]) => {
    const text = arrival[key];
    return text ? [h('div', { 'data-arrival': key }, h('dt', {}, label), h('dd', {}, text))] : [];
  });
  if (rows.length === 0) return null;
  return h('div', {}, h('h2', {}, 'Getting there'), h('dl', { class: 'arrival' }, ...rows));
}

function waiverTextNode(text: string) {
  const box = h('div', { class: 'waiver-text', tabindex: '0', role: 'region', 'aria-label': 'Waiver text' });
  for (const block of text.split(/\n{2,}/)) {
    const trimmed = block.trim();
    if (!trimmed) continue;
    const heading = /^(#{1,3})\s+([\s\S]*)$/.exec(trimmed);
    if (heading) box.append(h(heading[1] === '#' ? 'h3' : 'h4', {}, heading[2] ?? ''));
    else box.append(h('p', {}, trimmed));
  }
  return box;
}

function render(view: GuestView, token: string, focus?: 'confirmation' | 'top') {
  const brand = view.sail.brand ?? (view.sail.vesselName ? `Aboard ${view.sail.vesselName}` : undefined);
  document.title = brand ? `${view.sail.title} — ${brand}` : view.sail.title;
  const header = document.querySelector('header.brand p');
  if (header && brand) header.textContent = brand;
  const signed = view.guest.status === 'signed';
  const guestStatus = h(
    'p',
    { class: `notice ${signed ? 'ok' : 'warn'}`, id: 'guest-status', tabindex: '-1' },
    view.guest.statusMessage,
  );
  const nodes: Node[] = [sailSection(view, token)];
  const waiver = h(
    'section',
    { 'aria-labelledby': 'waiver-title' },
    h('h2', { id: 'waiver-title' }, signed ? 'Your waiver' : 'Sign the waiver'),
    guestStatus,
  );
  nodes.push(waiver);
  if (signed) {
    const details = h(
      'details',
      {},
      h('summary', {}, `Read the waiver you signed (version ${view.waiver.version})`),
    );
    details.append(waiverTextNode(view.waiver.text));
    waiver.append(details);
  } else if (view.sail.status === 'cancelled') {
    waiver.append(h('p', {}, 'This sail has been cancelled, so there is nothing to sign.'));
  } else {
    waiver.append(
      h('p', { class: 'hint' }, `Hello ${view.guest.name}. Please read the waiver, then sign below.`),
      waiverTextNode(view.waiver.text),
      waiverForm(view, token),
    );
  }
  show(...nodes);
  if (focus === 'confirmation') guestStatus.focus();
  if (focus === 'top') document.getElementById('sail-title')?.focus();
}

interface MinorRow {
  el: HTMLFieldSetElement;
  name: HTMLInputElement;
  birth: HTMLInputElement;
}

function errorSlot(id: string) {
  return h('p', { class: 'error', id });
}

function waiverForm(view: GuestView, token: string) {
  const form = h('form', { novalidate: true, 'aria-labelledby': 'waiver-title' });
  const summary = h('div', { class: 'summary', tabindex: '-1' });
  const fullName = h('input', {
    type: 'text',
    id: 'fullName',
    name: 'fullName',
    autocomplete: 'name',
    maxlength: String(SIGNER_NAME_MAX),
    'aria-describedby': 'fullName-hint err-fullName',
    required: true,
  });
  const agree = h('input', {
    type: 'checkbox',
    id: 'agree',
    name: 'agree',
    'aria-describedby': 'err-agree',
    required: true,
  });
  const minorsBox = h('div', {});
  const minorsError = errorSlot('err-minors');
  const dates = { today: view.today, sailDate: view.sail.date };
  /** Minors that fit, from the server's last "no seats" answer: the error stays until the party fits. */
  let seatsLeft: number | undefined;
  let summaryOfFields = false;
  const minors: MinorRow[] = [];
  const addMinor = h('button', { type: 'button', class: 'secondary' }, 'Add a minor');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign the waiver');

  const inputs = new Map<string, HTMLInputElement>([
    ['fullName', fullName],
    ['agree', agree],
  ]);

  function renumber() {
    inputs.forEach((_, k) => {
      if (k.startsWith('minors.')) inputs.delete(k);
    });
    minors.forEach((m, i) => {
      const legend = m.el.querySelector('legend');
      if (legend) legend.textContent = `Minor ${i + 1}`;
      for (const [input, key] of [
        [m.name, 'fullName'],
        [m.birth, 'birthDate'],
      ] as const) {
        const field = `minors.${i}.${key}`;
        input.id = field;
        const label = m.el.querySelector(`label[data-for="${key}"]`);
        label?.setAttribute('for', field);
        const err = m.el.querySelector(`p[data-err="${key}"]`);
        err?.setAttribute('id', `err-${field}`);
        input.setAttribute('aria-describedby', `err-${field}`);
        inputs.set(field, input);
      }
    });
    addMinor.hidden = minors.length >= MINORS_MAX;
  }

  addMinor.addEventListener('click', () => {
    const name = h('input', {
      type: 'text',
      autocomplete: 'off',
      maxlength: String(SIGNER_NAME_MAX),
      required: true,
    });
    const birth = h('input', { type: 'date', max: view.today, required: true });
    const remove = h('button', { type: 'button', class: 'secondary' }, 'Remove');
    const el = h(
      'fieldset',
      {},
      h('legend', {}, 'Minor'),
      h(
        'div',
        { class: 'field' },
        h('label', { 'data-for': 'fullName' }, 'Minor’s full name'),
        name,
        h('p', { class: 'error', 'data-err': 'fullName' }),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { 'data-for': 'birthDate' }, 'Date of birth'),
        birth,
        h('p', { class: 'error', 'data-err': 'birthDate' }),
      ),
      h('p', { class: 'row-actions' }, remove),
    );
    const row = { el, name, birth };
    remove.addEventListener('click', () => {
      minors.splice(minors.indexOf(row), 1);
      el.remove();
      renumber();
      recheck('minors');
      addMinor.focus();
    });
    minors.push(row);
    minorsBox.append(el);
    renumber();
    recheck('minors');
    name.focus();
  });

  function clearErrors() {
    summary.replaceChildren();
    summary.className = 'summary';
    minorsError.textContent = '';
    for (const [field, input] of inputs) {
      input.removeAttribute('aria-invalid');
      const err = document.getElementById(`err-${field}`);
      if (err) err.textContent = '';
    }
  }

  /** Where a field's error goes and what gets focus: its input, or for `minors` the section. */
  function target(
    field: string,
  ): { slot: HTMLElement; focus: HTMLElement; input?: HTMLInputElement } | undefined {
    if (field === 'minors') return { slot: minorsError, focus: minors[0]?.name ?? addMinor };
    const input = inputs.get(field);
    const slot = document.getElementById(`err-${field}`);
    return input && slot ? { slot, focus: input, input } : undefined;
  }

  function showErrors(errors: FieldError[], message?: string) {
    clearErrors();
    let first: HTMLElement | undefined;
    const listed: FieldError[] = [];
    for (const e of errors) {
      const t = target(e.field);
      if (t) {
        t.input?.setAttribute('aria-invalid', 'true');
        t.slot.textContent = e.message;
        first ??= t.focus;
      }
      listed.push(e);
    }
    summary.className = 'summary notice bad';
    summary.append(
      h(
        'p',
        { role: 'alert' },
        message ?? (errors.length === 1 ? 'Please fix one answer.' : `Please fix ${errors.length} answers.`),
      ),
    );
    const unplaced = listed.filter((e) => !target(e.field));
    summaryOfFields = first !== undefined && unplaced.length === 0;
    if (unplaced.length > 0) summary.append(h('ul', {}, ...unplaced.map((e) => h('li', {}, e.message))));
    (first ?? summary).focus();
  }

  function currentValues(): WaiverForm {
    return {
      fullName: fullName.value,
      agree: agree.checked,
      minors: minors.map((m) => ({ fullName: m.name.value, birthDate: m.birth.value })),
    };
  }

  /**
   * Re-checks a field that shows an error once the guest changes it: the error goes (or says what is
   * still wrong), so a fixed answer never keeps a stale message. Fields without an error stay quiet
   * until the next submit. When no error is left, the summary goes too.
   */
  function recheck(field: string) {
    const t = target(field);
    if (t?.slot.textContent) {
      const still = validateWaiverForm(currentValues(), dates).find((e) => e.field === field);
      const seatsShort = field === 'minors' && seatsLeft !== undefined && minors.length > seatsLeft;
      if (!still && !seatsShort) {
        t.slot.textContent = '';
        t.input?.removeAttribute('aria-invalid');
      } else if (still) {
        t.slot.textContent = still.message;
      }
    }
    // The summary only counted field errors: once none is left, it goes too. A summary about
    // something else (no connection, a changed waiver) stays until the next submit.
    if (summaryOfFields && !form.querySelector('.error:not(:empty)')) {
      summary.replaceChildren();
      summary.className = 'summary';
      summaryOfFields = false;
    }
  }

  for (const type of ['input', 'change']) {
    form.addEventListener(type, (ev) => {
      if (ev.target instanceof HTMLInputElement && inputs.has(ev.target.id)) recheck(ev.target.id);
    });
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const values = currentValues();
    const errors = validateWaiverForm(values, dates);
    if (errors.length > 0) {
      showErrors(errors);
      return;
    }
    clearErrors();
    submit.disabled = true;
    submit.textContent = 'Signing…';
    const r = await api<{ message: string }>('/waiver', {
      method: 'POST',
      token,
      body: { ...values, version: view.waiver.version },
    });
    submit.disabled = false;
    submit.textContent = 'Sign the waiver';
    if (r.ok || r.error.error === 'already_signed') {
      await load(token, 'confirmation');
      const confirmation = h(
        'p',
        { class: 'notice ok', role: 'status', id: 'confirmation' },
        r.ok ? r.data.message : r.error.message,
      );
      main.prepend(confirmation);
      return;
    }
    if (r.status === 401) {
      sessionStorage.removeItem(sessionKey);
      linkProblem(r.error, true);
      return;
    }
    seatsLeft = r.error.error === 'no_seats' ? r.error.seatsLeft : undefined;
    showErrors(r.error.fields ?? [], r.error.message);
  });

  form.append(
    summary,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'fullName' }, 'Your full legal name'),
      h('p', { class: 'hint', id: 'fullName-hint' }, 'Typing your name is your signature.'),
      fullName,
      errorSlot('err-fullName'),
    ),
    h(
      'fieldset',
      { 'aria-describedby': 'minors-hint err-minors' },
      h('legend', {}, 'Minors in your party'),
      h(
        'p',
        { class: 'hint', id: 'minors-hint' },
        'Add each person under 18 sailing with you. You sign for them as their parent or legal guardian. Each minor takes a seat.',
      ),
      minorsBox,
      addMinor,
      minorsError,
    ),
    h(
      'div',
      { class: 'field' },
      h(
        'div',
        { class: 'check' },
        agree,
        h(
          'label',
          { for: 'agree' },
          'I have read this waiver, I agree to it for myself and for any minors listed above, and I sign it electronically.',
        ),
      ),
      errorSlot('err-agree'),
    ),
    submit,
  );
  return form;
}

void start();
