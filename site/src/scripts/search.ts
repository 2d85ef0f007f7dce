// Client side of /search/: queries Pagefind as the user types, drops withdrawn hits, renders the rest (text only) with thumbnails.
import { applySafety } from './safety.js';

export interface HitData {
  url: string;
  meta: Record<string, string | undefined>;
}
/** A result before its data is fetched: `words` are the positions of the query's words in the record. */
interface Hit {
  words: number[];
  data(): Promise<HitData>;
}
interface Pagefind {
  init(): Promise<void>;
  mergeIndex(url: string): Promise<void>;
  search(term: string | null, options?: { filters?: Record<string, string> }): Promise<{ results: Hit[] }>;
}

const MAX_RESULTS = 48;
const FIRST_BATCH = 6;
let pagefind: Promise<Pagefind> | undefined;

/** Loads the index at /pagefind/ and merges the other parts of a large catalogue's index (listed on the form). */
function load(parts: string[]): Promise<Pagefind> {
  const url = '/pagefind/pagefind.js';
  pagefind ??= (import(url) as Promise<Pagefind>).then(async (pf) => {
    await pf.init();
    await Promise.all(parts.map((part) => pf.mergeIndex(part)));
    return pf;
  });
  return pagefind;
}

function indexParts(form: HTMLFormElement): string[] {
  try {
    const parts: unknown = JSON.parse(form.dataset.indexParts ?? '[]');
    return Array.isArray(parts) ? parts.filter((p): p is string => typeof p === 'string' && p.startsWith('/pagefind/')) : [];
  } catch {
    return [];
  }
}

const pathOf = (url: string): string => new URL(url, 'http://gallery.invalid').pathname;

/**
 * The hits whose item is not withdrawn: the index was built before the latest withdrawals, so the Worker is asked
 * (`GET /v1/withdrawn?path=…`, one request for a batch of ≤ 100). A 404 means no Worker serves this copy of the gallery
 * (a static preview): there is nothing to ask. Any other failure throws, so that no unchecked hit is shown.
 */
export async function withoutWithdrawn(hits: HitData[], fetchImpl: typeof fetch = fetch): Promise<HitData[]> {
  if (hits.length === 0) return hits;
  const query = new URLSearchParams();
  for (const hit of hits) query.append('path', pathOf(hit.url));
  const res = await fetchImpl(`/v1/withdrawn?${query}`, { headers: { Accept: 'application/json' } });
  if (res.status === 404) return hits;
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = (await res.json()) as { paths?: unknown };
  const gone = new Set(Array.isArray(body.paths) ? body.paths : []);
  return hits.filter((hit) => !gone.has(pathOf(hit.url)));
}

function card(hit: HitData): HTMLLIElement {
  const li = document.createElement('li');
  li.dataset.testid = 'search-result';
  li.dataset.safety = 'hide';
  li.dataset.nsfw = hit.meta.nsfw ?? '';
  li.dataset.faces = hit.meta.faces ?? '';
  const a = document.createElement('a');
  a.href = hit.url;
  if (hit.meta.image) {
    const img = document.createElement('img');
    img.src = hit.meta.image;
    img.alt = hit.meta.image_alt ?? hit.meta.title ?? '';
    img.width = 320;
    img.height = Number(hit.meta.image_height) || 240;
    img.loading = 'lazy';
    a.append(img);
  }
  const title = document.createElement('span');
  title.textContent = hit.meta.title ?? hit.url;
  a.append(title);
  li.append(a);
  return li;
}

export function initSearch(): void {
  const form = document.querySelector<HTMLFormElement>('[data-search-form]');
  const input = form?.querySelector<HTMLInputElement>('[data-testid=search-input]');
  const list = document.querySelector<HTMLUListElement>('[data-search-results]');
  const summary = document.querySelector<HTMLElement>('[data-search-summary]');
  if (!form || !input || !list || !summary) return;
  const selects = [...form.querySelectorAll<HTMLSelectElement>('select[data-filter]')];
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  for (const s of selects) s.value = params.get(s.name) ?? '';
  const parts = indexParts(form);
  let seq = 0;

  const run = async (): Promise<void> => {
    const mine = ++seq;
    const term = input.value.trim();
    const filters: Record<string, string> = {};
    for (const s of selects) if (s.value) filters[s.dataset.filter!] = s.value;
    const query = new URLSearchParams({ ...(term ? { q: term } : {}), ...filters });
    history.replaceState(null, '', query.size ? `?${query}` : location.pathname);
    if (!term && Object.keys(filters).length === 0) {
      list.replaceChildren();
      summary.textContent = '';
      return;
    }
    const pf = await load(parts);
    const found = await pf.search(term || null, { filters });
    if (mine !== seq) return;
    // A bundle that lacks every query word can still answer with records that match no word (seen in Pagefind 1.6
    // with an index in parts): a hit for a text query must contain one of its words.
    if (term) found.results = found.results.filter((r) => r.words.length > 0);
    // Each hit's data is a separate fetch: show the first few at once, then the rest; withdrawn ones never.
    let withdrawn = 0;
    const batch = async (from: number, to: number): Promise<HitData[]> => {
      const data = await Promise.all(found.results.slice(from, to).map((r) => r.data()));
      const kept = await withoutWithdrawn(data);
      withdrawn += data.length - kept.length;
      return kept;
    };
    let first: HitData[];
    let rest: HitData[];
    try {
      first = await batch(0, FIRST_BATCH);
      if (mine !== seq) return;
      list.replaceChildren(...first.map(card));
      applySafety(list);
      rest = await batch(FIRST_BATCH, MAX_RESULTS);
    } catch {
      if (mine !== seq) return;
      list.replaceChildren();
      summary.textContent = 'The results could not be loaded and checked against recent withdrawals. Please try again in a moment.';
      return;
    }
    if (mine !== seq) return;
    list.append(...rest.map(card));
    applySafety(list);
    const shown = first.length + rest.length;
    const total = found.results.length - withdrawn;
    const more = shown < total ? ` (showing the first ${shown})` : '';
    summary.textContent = `${total} result${total === 1 ? '' : 's'}${more}.`;
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void run();
  });
  input.addEventListener('input', () => void run());
  for (const s of selects) s.addEventListener('change', () => void run());
  void load(parts).then(run);
}
