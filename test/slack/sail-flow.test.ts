import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/local/render-blocks';
import { countRequests } from '../../src/store/client';
import { keys } from '../../src/store/keys';
import { WORKSPACE } from '../support/aws';
import { ADMIN, CHANNEL, replyText, startTestBosun, type TestBosun } from '../support/bosun';

const NOW = new Date('2026-12-01T20:00:00Z');
let t: TestBosun;
let requests: Map<string, number>;

beforeAll(async () => {
  t = await startTestBosun({ now: () => NOW });
  requests = countRequests(t.bosun.doc);
});
afterAll(() => t.stop());

function sailIdFrom(text: string): string {
  const m = /S-[0-9A-Z]{6}/.exec(text);
  if (!m) throw new Error(`no sail id in: ${text}`);
  return m[0];
}

async function createSail(extra = ''): Promise<string> {
  // Every sail of these tests is at the same time on JADA: `force` creates over the double booking.
  const res = await t.command(
    `/sail create 2026-12-12 sunset 2h crew=2 guests=6 ${extra || 'Holiday lights'} force`,
  );
  expect(res.status).toBe(200);
  return sailIdFrom(replyText(res));
}

describe('/sail create (inline) through signed requests', () => {
  it('creates the sail, posts the card with timing and role buttons, and replies ephemerally', async () => {
    const res = await t.command('/sail create 2026-12-12 sunset 2h crew=2 guests=6 Holiday lights');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ response_type: 'ephemeral' });
    const id = sailIdFrom(replyText(res));
    const post = res.calls.find((c) => c.method === 'chat.postMessage');
    expect(post?.args.channel).toBe(CHANNEL);
    const card = renderBlocks(post?.args.blocks);
    expect(card).toContain('Holiday lights');
    for (const label of ['Crew call', 'Departure', 'Sunset', 'Civil dusk', 'Return'])
      expect(card).toContain(label);
    expect(card).toContain(`(roster.claim ${id}:captain)`);
    expect(card).toContain(`(roster.claim ${id}:crew-1)`);
    expect(card).toContain(`(roster.claim ${id}:crew-2)`);
    // <!date> tokens carry a plain fallback in the vessel's zone (PST in December).
    expect(JSON.stringify(post?.args.blocks)).toMatch(/<!date\^\d+\^\{time\}\|\d\d:\d\d PST>/);
    // Nothing reached Slack before the answer; the card's place is Slack's record, not the sail's.
    expect(res.callsBeforeAnswer).toEqual([]);
    const stored = await t.bosun.doc.send(
      new GetCommand({ TableName: t.table, Key: keys.slackPost(WORKSPACE, id, 'card') }),
    );
    expect(stored.Item?.ts).toBeTruthy();
    // Bolt was given the token without bot ids and never asked Slack who it is.
    expect(t.sink.calls().some((c) => c.method === 'auth.test')).toBe(false);
  });

  it('refuses non-admins and writes nothing', async () => {
    const before = await t.bosun.stores.sails.upcoming({ from: NOW, days: 60 });
    const res = await t.command('/sail create 2026-12-13 sunset Sneaky', 'UCREW0001');
    expect(replyText(res)).toMatch(/Only admins can create sails/);
    expect(res.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
    expect(await t.bosun.stores.sails.upcoming({ from: NOW, days: 60 })).toHaveLength(before.length);
  });

  it.each([
    ['2026-02-30 sunset', /not a real date/i],
    ['2026-11-20 sunset', /past/i],
    ['2026-12-12 sunset 0m', /longer than 0 minutes/i],
    ['2026-12-12 sunset 13h', /12h/],
    ['2026-12-12 sunset crew=21', /crew/i],
    ['2026-12-12 sunset vessel=titanic', /no vessel/i],
  ])('bad input "%s" gets a message saying how to write it; nothing is written', async (text, msg) => {
    const before = await t.bosun.stores.sails.upcoming({ from: NOW, days: 400, includeCancelled: true });
    const res = await t.command(`/sail create ${text}`);
    expect(replyText(res)).toMatch(msg);
    expect(replyText(res)).toContain('Usage:');
    expect(res.calls).toHaveLength(0);
    expect(
      await t.bosun.stores.sails.upcoming({ from: NOW, days: 400, includeCancelled: true }),
    ).toHaveLength(before.length);
  });

  it('shows what a user typed in a title as text, not as a mention or link', async () => {
    // Slack sends typed &, < and > as entities; the title is stored as typed and escaped on output.
    const res = await t.command(
      '/sail create 2026-12-14 sunset &lt;!channel&gt; &amp; &lt;@U999&gt; &lt;b&gt;',
    );
    const id = sailIdFrom(replyText(res));
    expect((await t.bosun.stores.sails.get(id))?.sail.title).toBe('<!channel> & <@U999> <b>');
    const post = res.calls.find((c) => c.method === 'chat.postMessage');
    // Header blocks are plain_text, which Slack never parses; every mrkdwn text and the fallback must be escaped.
    const blocks = ((post?.args.blocks ?? []) as { type: string }[]).filter((b) => b.type !== 'header');
    const text = JSON.stringify(blocks) + String(post?.args.text);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U999>');
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;@U999&gt;');
  });
});

describe('the card buttons and /crew', () => {
  it('claims with the button, updates the card in place and says so in the thread', async () => {
    const id = await createSail();
    const res = await t.click('roster.claim', `${id}:captain`, 'UCAPT0001');
    expect(res.status).toBe(200);
    const update = res.calls.find((c) => c.method === 'chat.update');
    expect(renderBlocks(update?.args.blocks)).toContain('*Captain* — @UCAPT0001');
    expect(renderBlocks(update?.args.blocks)).toContain(`(roster.release ${id}:captain)`);
    const note = res.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts);
    expect(String(note?.args.text)).toContain('<@UCAPT0001> claimed Captain');
    const eph = res.calls.find((c) => c.method === 'response_url');
    expect(String(eph?.args.text)).toContain(`You are Captain on ${id}`);
  });

  it('20 people claiming one slot at once: exactly one holder, 19 told who has it', async () => {
    const id = await createSail();
    const users = Array.from({ length: 20 }, (_, i) => `UCREW${String(i).padStart(4, '0')}`);
    const results = await Promise.all(users.map((u) => t.command(`/crew claim ${id} crew-2`, u)));
    const texts = results.map(replyText);
    const winners = texts.filter((x) => x.startsWith('You are Crew 2'));
    expect(winners).toHaveLength(1);
    const losers = texts.filter((x) => x.includes('crew-2 is taken by <@'));
    expect(losers).toHaveLength(19);
    expect(losers[0]).toMatch(/crew-1 is still free|captain and crew-1 are still free/);
    const view = await t.bosun.stores.sails.get(id);
    const holder = view?.slots.find((s) => s.slotId === 'crew-2')?.holder;
    expect(users).toContain(holder);
  });

  it('a claim costs one transaction and one read; the card redraw and the once-records come after', async () => {
    const id = await createSail();
    requests.clear();
    const res = await t.click('roster.claim', `${id}:crew-1`, 'UCOUNT001');
    expect(String(res.calls.find((c) => c.method === 'response_url')?.args.text)).toMatch(/You are Crew 1/);
    // Before the answer: the request's once-record (1 put, 1 update), 1 read, 1 transaction.
    // After it: one once-record per effect — the card and the reply — (2 + 2; the batch has none of
    // its own), the card's place (1 get), the card's redraw (1 query) and its vessel (1 get).
    expect(Object.fromEntries(requests)).toEqual({
      QueryCommand: 2,
      TransactWriteItemsCommand: 1,
      PutItemCommand: 3,
      UpdateItemCommand: 3,
      GetItemCommand: 2,
    });
  });

  it('one person, one slot per sail', async () => {
    const id = await createSail();
    expect(replyText(await t.command(`/crew claim ${id} captain`, 'UONE00001'))).toMatch(/You are Captain/);
    expect(replyText(await t.command(`/crew claim ${id} crew`, 'UONE00001'))).toMatch(/already hold captain/);
  });

  it("release: refused for someone else's slot, allowed for the holder and for an admin", async () => {
    const id = await createSail();
    await t.command(`/crew claim ${id} crew`, 'UHOLD0001');
    expect(replyText(await t.command(`/crew release ${id} crew-1`, 'UOTHER001'))).toMatch(
      /only they or an admin/,
    );
    expect(replyText(await t.command(`/crew release ${id} crew-1`, ADMIN))).toMatch(/open again/);
    await t.command(`/crew claim ${id} crew-1`, 'UHOLD0001');
    const res = await t.click('roster.release', `${id}:crew-1`, 'UHOLD0001');
    expect(String(res.calls.find((c) => c.method === 'response_url')?.args.text)).toMatch(/open again/);
    expect(
      (await t.bosun.stores.sails.get(id))?.slots.find((s) => s.slotId === 'crew-1')?.holder,
    ).toBeUndefined();
  });

  it('designate is for admins and names the new holder', async () => {
    const id = await createSail();
    expect(
      replyText(await t.command(`/crew designate ${id} captain <@UJANE0001|jane>`, 'UCREW9999')),
    ).toMatch(/Only admins/);
    const res = await t.command(`/crew designate ${id} captain <@UJANE0001|jane>`);
    expect(replyText(res)).toMatch(/<@UJANE0001> is now Captain/);
    expect((await t.bosun.stores.sails.get(id))?.slots.find((s) => s.slotId === 'captain')?.holder).toBe(
      'UJANE0001',
    );
  });

  it('hold keeps claims open and shows the reason; cancel closes them and DMs holders', async () => {
    const id = await createSail();
    await t.command(`/crew claim ${id} captain`, 'UCAPT0002');
    const held = await t.command(`/sail hold ${id} Small craft advisory`);
    expect(replyText(held)).toMatch(/on hold/);
    expect(renderBlocks(held.calls.find((c) => c.method === 'chat.update')?.args.blocks)).toContain(
      'On hold: Small craft advisory',
    );
    expect(held.calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === 'UCAPT0002')).toBe(
      true,
    );
    const cancelled = await t.command(`/sail cancel ${id}`);
    expect(replyText(cancelled)).toMatch(/cancelled/);
    expect(replyText(await t.command(`/crew claim ${id} crew`, 'ULATE0001'))).toMatch(/cancelled/);
    expect(replyText(await t.command(`/sail unhold ${id}`))).toMatch(/cancelled/);
  });

  it('/sail list shows upcoming sails to the asker only, with their status', async () => {
    const id = await createSail('Listed sail');
    await t.command(`/sail hold ${id} Wind`);
    const res = await t.command('/sail list', 'UCREW0001');
    expect(res.body).toMatchObject({ response_type: 'ephemeral' });
    const text = renderBlocks((res.body as { blocks?: unknown[] }).blocks);
    expect(text).toContain('Upcoming sails');
    expect(text).toMatch(new RegExp(`Listed sail\\* \\(${id}\\).*on hold`));
    expect(res.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(0);
  });

  it('designate takes a typed @U… id as well as a Slack mention', async () => {
    const id = await createSail();
    expect(replyText(await t.command(`/crew designate ${id} crew-1 @UTYPED001`))).toMatch(
      /<@UTYPED001> is now Crew 1/,
    );
  });

  it('/crew mine marks a cancelled sail instead of listing it as if it were on', async () => {
    const id = await createSail('Cancelled later');
    await t.command(`/crew claim ${id} crew`, 'UMINE0002');
    await t.command(`/sail cancel ${id}`);
    expect(replyText(await t.command('/crew mine', 'UMINE0002'))).toMatch(new RegExp(`${id}.*cancelled`));
  });

  it('/crew mine lists my upcoming roles', async () => {
    const id = await createSail('Mine test');
    await t.command(`/crew claim ${id} crew`, 'UMINE0001');
    const res = await t.command('/crew mine', 'UMINE0001');
    expect(replyText(res)).toContain(id);
    expect(replyText(res)).toContain('Crew 1');
    expect(replyText(await t.command('/crew mine', 'UNOBODY01'))).toMatch(/no upcoming roles/);
  });

  it('unknown ids and sub-commands say what to do', async () => {
    expect(replyText(await t.command('/sail show S-ZZZZZZ'))).toMatch(/There is no sail S-ZZZZZZ/);
    expect(replyText(await t.command('/crew claim nonsense captain'))).toMatch(/not a sail id/);
    expect(replyText(await t.command('/sail frobnicate'))).toMatch(/not something I know/);
    expect(replyText(await t.command('/sail help', 'UCREW0001'))).toContain('/sail list');
  });
});

describe('checklist', () => {
  type Block = { block_id?: string; accessory?: { options?: { value: string }[] } };
  const toggle = async (blocks: Block[], itemId: string, selected: boolean, user: string) => {
    const block = blocks.find((b) => b.block_id === `check-${itemId}`);
    const value = block?.accessory?.options?.[0]?.value ?? '';
    const { sendAction } = await import('../../src/local/slack-client');
    const before = t.sink.calls().length;
    await sendAction(
      t.target,
      {
        actionId: 'checklist.toggle',
        blockId: block?.block_id,
        selected: selected ? [value] : [],
        message: { ts: '1.2', blocks },
      },
      t.actor(user),
    );
    await t.bosun.drainJobs();
    return t.sink
      .calls()
      .slice(before)
      .find((c) => c.method === 'chat.update');
  };

  it('posts a checkbox per item; a tick or untick records who and when under that item, for everyone', async () => {
    const id = await createSail();
    const res = await t.command(`/sail checklist ${id}`, 'UCREW0005');
    const blocks = res.calls.find((c) => c.method === 'chat.postMessage')?.args.blocks as Block[];
    expect(blocks.find((b) => b.block_id === 'check-fuel')?.accessory?.options?.[0]?.value).toBe(
      `${id}:fuel`,
    );

    const ticked = await toggle(blocks, 'fuel', true, 'UCREW0005');
    const text = renderBlocks(ticked?.args.blocks);
    // The who and when sit right under the item ticked.
    expect(text).toMatch(
      /\*Fuel level checked\*\n:white_check_mark: @UCREW0005 · \w{3} \d+ \w{3} \d\d:\d\d P[SD]T\n +\[x\] Done/,
    );
    expect((await t.bosun.stores.sails.get(id))?.checklist).toEqual([
      expect.objectContaining({ itemId: 'fuel', by: 'UCREW0005', checked: true }),
    ]);

    const unticked = await toggle(ticked?.args.blocks as Block[], 'fuel', false, 'UCREW0006');
    expect(renderBlocks(unticked?.args.blocks)).toMatch(/\*Fuel level checked\*\n_unticked by @UCREW0006 · /);
  });
});

describe('the create modal', () => {
  it('opens with no text and creates from a valid submission; a bad field gets an error under it', async () => {
    const open = await t.command('/sail create');
    expect(open.calls.find((c) => c.method === 'views.open')).toBeTruthy();
    const values = (date: string, duration: string) => ({
      date: { date: { type: 'datepicker', selected_date: date } },
      start: { start: { type: 'static_select', selected_option: { value: 'sunset' } } },
      time: { time: { type: 'timepicker', selected_time: null } },
      duration: { duration: { type: 'plain_text_input', value: duration } },
      crew: { crew: { type: 'number_input', value: '2' } },
      guests: { guests: { type: 'number_input', value: '6' } },
      vessel: { vessel: { type: 'static_select', selected_option: { value: 'jada' } } },
      title: { title: { type: 'plain_text_input', value: 'From the modal' } },
    });
    const bad = await t.submit('sail.create', values('2026-12-20', '0m'));
    expect(bad.body).toMatchObject({
      response_action: 'errors',
      errors: { duration: expect.stringMatching(/0 minutes/) },
    });
    expect(bad.calls).toHaveLength(0);
    const good = await t.submit('sail.create', values('2026-12-20', '2h30m'));
    expect(good.status).toBe(200);
    const card = good.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL);
    expect(renderBlocks(card?.args.blocks)).toContain('From the modal');
  });
});

describe('when Bosun itself fails', () => {
  it('answers with an apology that says what to do, not a Slack error', async () => {
    const broken = await startTestBosun({
      now: () => NOW,
      env: { BOSUN_TABLE: 'no-such-table' },
      fleet: false,
    });
    try {
      const res = await broken.command('/sail list', 'UCREW0001');
      expect(res.status).toBe(200);
      expect(replyText(res)).toMatch(/failed on our side.*try again/);
      const click = await broken.click('roster.claim', 'S-ABCDEF:captain', 'UCREW0001');
      expect(String(click.calls.find((c) => c.method === 'response_url')?.args.text)).toMatch(
        /failed on our side/,
      );
    } finally {
      await broken.stop();
    }
  });
});

describe('/sail show', () => {
  it('moves the live card where asked: the old copy is deleted, and changes update the new one', async () => {
    const id = await createSail();
    const home = await t.bosun.stores.posts.get(id, 'card');
    const shown = await t.command(`/sail show ${id}`, 'UCREW0001');
    expect(shown.callsBeforeAnswer).toEqual([]);
    const copy = shown.calls.find((c) => c.method === 'chat.postMessage');
    expect(copy?.args.channel).toBe(CHANNEL);
    expect(renderBlocks(copy?.args.blocks)).toContain(`(roster.claim ${id}:captain)`);
    const deleted = shown.calls.find((c) => c.method === 'chat.delete');
    expect(deleted?.args).toMatchObject({ channel: home?.channel, ts: home?.ts });
    const live = await t.bosun.stores.posts.get(id, 'card');
    expect(live?.ts).not.toBe(home?.ts);
    const claim = await t.command(`/crew claim ${id} captain`, 'USHOW0001');
    const updates = claim.calls.filter((c) => c.method === 'chat.update');
    expect(updates.map((u) => u.args.ts)).toEqual([live?.ts]);
  });
});

describe('what a user typed is never acted on in a reply', () => {
  it.each([
    ['/sail create &lt;!channel&gt; sunset', '&lt;!channel&gt;'],
    ['/sail show &lt;!here&gt;', '&lt;!here&gt;'],
    ['/crew claim S-ZZZZZ9 &lt;@U999&gt;', ''],
  ])('%s: the echo is escaped', async (line, escaped) => {
    const res = await t.command(line);
    const text = replyText(res);
    expect(text).not.toMatch(/<!channel>|<!here>|<@U999>/);
    if (escaped) expect(text).toContain(escaped);
  });

  it('a role typed as a mention is escaped in the refusal', async () => {
    const id = await createSail();
    const text = replyText(await t.command(`/crew claim ${id} &lt;@U999&gt;`));
    expect(text).toContain('&lt;@U999&gt;');
    expect(text).not.toContain('<@U999>');
  });
});

describe('hold reasons', () => {
  it('a reason over 300 characters is refused with its length, and nothing changes', async () => {
    const id = await createSail();
    const res = await t.command(`/sail hold ${id} ${'x'.repeat(301)}`);
    expect(replyText(res)).toMatch(/301 characters; keep it to 300.*Nothing was changed/);
    expect((await t.bosun.stores.sails.get(id))?.sail.status).toBe('scheduled');
  });
});

describe('double booking', () => {
  it('refuses a vessel already out at that time, naming the other sail, unless force; not otherwise', async () => {
    const first = replyText(await t.command('/sail create 2026-12-18 16:00 2h Afternoon'));
    expect(first).not.toContain(':warning:');
    const afternoon = sailIdFrom(first);
    const before = await t.bosun.stores.sails.upcoming({ from: NOW, days: 60, includeCancelled: true });
    const clash = await t.command('/sail create 2026-12-18 17:00 2h Overlapping');
    expect(replyText(clash)).toMatch(
      new RegExp(
        `^JADA is already out then: \\*Afternoon\\* \\(${afternoon}\\).*add \`force\`.*Nothing was created`,
      ),
    );
    expect(clash.calls).toHaveLength(0);
    expect(await t.bosun.stores.sails.upcoming({ from: NOW, days: 60, includeCancelled: true })).toHaveLength(
      before.length,
    );
    const forced = replyText(await t.command('/sail create 2026-12-18 17:00 2h Overlapping force'));
    expect(forced).toMatch(/^Created \*Overlapping\*/);
    expect(forced).toMatch(
      /:warning: Created over a double booking \(force\): JADA is also out then on \*Afternoon\*/,
    );
    const later = replyText(await t.command('/sail create 2026-12-18 19:30 1h Evening'));
    expect(later).not.toContain(':warning:');
    // 19:30 in December is after sunset: said, not refused.
    expect(later).toMatch(/departs after sunset .*night sail/);
    expect(first).not.toContain('after sunset');
  });
});
