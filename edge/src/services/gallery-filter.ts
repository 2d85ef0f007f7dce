// Drops withdrawn items' cards from a gallery list page (static HTML) before it leaves the Worker: one D1 query a page.
import { withdrawnAmong } from './withdrawn.js';
import { concatBytes } from './concat-bytes.js';

/** A gallery page is ~100 KB (48 cards); anything this large is not one `clearance site` wrote. */
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;

/** Cards carry ` data-item-id="<id>"`, written by site/src/render/html.ts `attr` (double quotes, entities escaped). */
const CARD_ID = /\sdata-item-id="([^"]*)"/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The text of an attribute value as `escape` in site/src/render/html.ts wrote it (HTMLRewriter hands values raw). */
const attributeText = (value: string): string => value.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

/** The item ids of the cards on a page: raw attribute value → id. */
function cardIds(page: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of page.matchAll(CARD_ID)) out.set(m[1]!, attributeText(m[1]!));
  return out;
}

/** Reads a body as text, or null when it is larger than `max` bytes (the rest is cancelled). */
export async function readBounded(body: ReadableStream<Uint8Array>, max: number): Promise<string | null> {
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  return new TextDecoder().decode(concatBytes(parts, size));
}

/** The page without the cards of withdrawn items (the page itself when none is). `removed` counts the cards dropped. */
export async function dropWithdrawnCards(d1: D1Database, page: string): Promise<{ page: string; removed: number }> {
  const cards = cardIds(page);
  if (cards.size === 0) return { page, removed: 0 };
  const gone = await withdrawnAmong(d1, cards.values());
  if (gone.size === 0) return { page, removed: 0 };
  const drop = new Set([...cards].filter(([, id]) => gone.has(id)).map(([raw]) => raw));
  let removed = 0;
  const out = await new HTMLRewriter()
    .on('[data-item-id]', {
      element(el) {
        if (drop.has(el.getAttribute('data-item-id') ?? '')) {
          el.remove();
          removed++;
        }
      },
    })
    .transform(new Response(page))
    .text();
  return { page: out, removed };
}
