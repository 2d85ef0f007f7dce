// Escape-by-default HTML templates: every interpolated value is text unless it was built by `html` or marked `raw`.
import { escapeHtml } from '../../../pipeline/util/escape-html.js';

/** Markup that is already safe (built by `html`, or a trusted constant passed to `raw`). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Part = Html | string | number | boolean | null | undefined | readonly Part[];

/** Text for an element's content or a quoted attribute value (the pipeline's one escaper, under the site's name). */
export const escape: (text: string) => string = escapeHtml;

/** Trusted markup only: never pass data from a catalogue record. */
export const raw = (markup: string): Html => new Html(markup);

function render(part: Part): string {
  if (part === null || part === undefined || part === false || part === true) return '';
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('');
  return escape(String(part));
}

/** Tagged template: `html\`<p>${title}</p>\`` escapes `title`; nested `html` results and arrays of them pass through. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new Html(out);
}

/**
 * One attribute with a leading space: omitted for null, undefined and false; bare for true; else name="escaped value".
 * Names are constants in the templates, never data.
 */
export function attr(name: string, value: string | number | boolean | null | undefined): Html {
  if (value === null || value === undefined || value === false) return new Html('');
  if (value === true) return new Html(` ${name}`);
  return new Html(` ${name}="${escape(String(value))}"`);
}
