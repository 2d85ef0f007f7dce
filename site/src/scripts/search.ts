// Client side of /search/: queries Pagefind as the user types, renders hits (text only, never HTML) with thumbnails.
import { applySafety } from './safety.js';

interface HitData {
  url: string;
  meta: Record<string, string | undefined>;
}
interface Pagefind {
  init(): Promise<void>;
  search(term: string | null, options?: { filters?: Record<string, string> }): Promise<{ results: { data(): Promise<HitData> }[] }>;
}

const MAX_RESULTS = 48;
const FIRST_BATCH = 6;
let pagefind: Promise<Pagefind> | undefined;

function load(): Promise<Pagefind> {
  const url = '/pagefind/pagefind.js';
  pagefind ??= (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (pf) => {
    await pf.init();
    return pf;
  });
  return pagefind;
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
    const pf = await load();
    const found = await pf.search(term || null, { filters });
    if (mine !== seq) return;
    // Each hit's data is a separate fetch: show the first few at once, then the rest.
    const first = await Promise.all(found.results.slice(0, FIRST_BATCH).map((r) => r.data()));
    if (mine !== seq) return;
    list.replaceChildren(...first.map(card));
    applySafety(list);
    const rest = await Promise.all(found.results.slice(FIRST_BATCH, MAX_RESULTS).map((r) => r.data()));
    if (mine !== seq) return;
    list.append(...rest.map(card));
    applySafety(list);
    const shown = first.length + rest.length;
    const more = shown < found.results.length ? ` (showing the first ${shown})` : '';
    summary.textContent = `${found.results.length} result${found.results.length === 1 ? '' : 's'}${more}.`;
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void run();
  });
  input.addEventListener('input', () => void run());
  for (const s of selects) s.addEventListener('change', () => void run());
  void load().then(run);
}
