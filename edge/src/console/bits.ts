// Small pieces the console pages share: outside links (http(s) only, no opener/referrer), times, thumbnails, labels.
import { attr, html, type Html } from '../../../site/src/render/html.js';

/** A link to an outside page when the value is an http(s) URL; anything else (javascript:, data:, junk) stays text. */
export function outsideLink(url: unknown): Html | string {
  if (typeof url !== 'string' || url === '') return '—';
  let ok = false;
  try {
    const u = new URL(url);
    ok = u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    ok = false;
  }
  return ok ? html`<a${attr('href', url)} rel="noopener noreferrer">${url}</a>` : html`<span class="code">${url}</span>`;
}

/** An ISO time as a <time> element, shown to the minute in UTC. */
export function when(iso: string | null | undefined): Html | string {
  if (!iso) return '—';
  const shown = /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
  return html`<time${attr('datetime', iso)}>${shown}</time>`;
}

/** The private thumbnail of a review (served to moderators by the console), or a placeholder. */
export function reviewThumb(id: string, hasThumb: boolean, big = false): Html {
  if (!hasThumb) return html`<span class="thumb none">no image</span>`;
  const src = `/console/reviews/${encodeURIComponent(id)}/thumb`;
  return html`<img${attr('class', big ? 'big' : 'thumb')}${attr('src', src)} alt="" loading="lazy"${attr('width', big ? 320 : 96)}${attr('height', big ? 320 : 96)}>`;
}

const LICENCE_NAMES: Record<string, string> = { 'cc0-1.0': 'CC0 1.0', 'pdm-1.0': 'Public Domain Mark 1.0' };
export const licenceName = (id: string | null | undefined): string => (id ? (LICENCE_NAMES[id] ?? id) : '—');

/** Any value from a JSON record as text ('—' when absent). */
export function text(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export const consolePath = (...parts: string[]): string => `/console/${parts.map(encodeURIComponent).join('/')}`;
