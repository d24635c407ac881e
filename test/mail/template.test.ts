import { describe, expect, it } from 'vitest';
import { renderInLayout } from '../../src/mail/layout';
import { escapeHtml, fillTemplate, readTemplate } from '../../src/mail/template';

describe('email templates', () => {
  it('escapes {{x}} in HTML, inserts {{{x}}} as is, and leaves text alone', () => {
    expect(fillTemplate('<b>{{a}}</b>{{{b}}}', { a: '<i>&"\'', b: '<hr>' }, 'html')).toBe(
      '<b>&lt;i&gt;&amp;&quot;&#39;</b><hr>',
    );
    expect(fillTemplate('{{a}}', { a: '<i>' }, 'text')).toBe('<i>');
  });

  it('fails on a placeholder without a value', () => {
    expect(() => fillTemplate('Hi {{nmae}}', { name: 'x' }, 'html')).toThrow(/\{\{nmae\}\}/);
  });

  it('wraps content in the 600 px layout with CSS inlined and no style tag left', async () => {
    const layout = await readTemplate('templates', 'email/layout.html');
    const html = renderInLayout(layout, {
      title: 'T & T',
      preheader: 'pre',
      brand: 'Brand',
      content: '<h1>Hello</h1>',
      footer: 'Foot',
    });
    expect(html).toContain('width="600"');
    expect(html).not.toContain('<style');
    expect(html).toMatch(/<h1 style="[^"]*font-size: ?22px/);
    expect(html).toContain('<title>T &amp; T</title>');
    expect(escapeHtml('a<b')).toBe('a&lt;b');
  });
});
