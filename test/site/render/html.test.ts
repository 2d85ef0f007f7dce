// The escape-by-default templates: data is always text, only `html` results and `raw` pass through.
import { describe, expect, it } from 'vitest';
import { attr, escape, html, raw } from '../../../site/src/render/html.js';

describe('html templates', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const evil = `<script>alert("x")</script>' onmouseover='y' & more`;
    const out = html`<p title="${evil}">${evil}</p>`.value;
    expect(out).not.toContain('<script>');
    expect(out).not.toMatch(/'\s*onmouseover/);
    expect(out).toBe(`<p title="${escape(evil)}">${escape(evil)}</p>`);
    expect(escape(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('passes nested templates and arrays through, and drops null, undefined and booleans', () => {
    const items = ['a<b', 'c'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${true}${0}`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>0');
    expect(html`${raw('<hr>')}`.value).toBe('<hr>');
  });

  it('writes attributes: omitted when absent, bare when true, escaped otherwise', () => {
    expect(html`<i${attr('hidden', false)}${attr('data-x', undefined)}${attr('data-y', null)}>`.value).toBe('<i>');
    expect(html`<i${attr('hidden', true)}>`.value).toBe('<i hidden>');
    expect(html`<i${attr('alt', 'a"b')}${attr('width', 320)}>`.value).toBe('<i alt="a&quot;b" width="320">');
  });
});
