// Page shells: each slot must occur once; filling escapes the title and description and inserts the main markup.
import { describe, expect, it } from 'vitest';
import { html } from '../../../site/src/render/html.js';
import { DEFAULT_DESCRIPTION, parseShell, SLOT } from '../../../site/src/render/shell.js';

const shell = `<title>${SLOT.title} · X</title><meta content="${SLOT.description}"><main>${SLOT.main}</main>`;

describe('parseShell', () => {
  it('fills the slots in document order, escaping title and description', () => {
    const fill = parseShell(shell, 'test');
    expect(fill({ title: '<b>"T"</b>', description: 'a & b', main: html`<p>${'<i>'}</p>` })).toBe(
      '<title>&lt;b&gt;&quot;T&quot;&lt;/b&gt; · X</title><meta content="a &amp; b"><main><p>&lt;i&gt;</p></main>',
    );
    expect(fill({ title: 't', main: html`` })).toContain(`content="${DEFAULT_DESCRIPTION}"`);
  });

  it('refuses a shell whose slot is missing or repeated', () => {
    expect(() => parseShell(shell.replace(SLOT.main, ''), 'no-main')).toThrow(/no-main: slot CLEARANCE_SLOT_MAIN occurs 0 times/);
    expect(() => parseShell(shell + SLOT.title, 'twice')).toThrow(/CLEARANCE_SLOT_TITLE occurs 2 times/);
  });
});
