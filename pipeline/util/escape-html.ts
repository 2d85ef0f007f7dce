// The one HTML escaper: text for an element's content or a quoted attribute value (site, reports, rendered SVG text).

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `&<>"'` as entities; numbers are written as `String(n)` writes them. */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
