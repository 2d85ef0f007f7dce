// Page shells: Astro builds each layout once with slot tokens; the site builder fills them per page with escaped content.
import { escape, type Html } from './html.js';

/** Tokens the shell pages render in place of the title, description and main content (plain words: Astro keeps them as is). */
export const SLOT = { title: 'CLEARANCE_SLOT_TITLE', description: 'CLEARANCE_SLOT_DESCRIPTION', main: 'CLEARANCE_SLOT_MAIN' } as const;

/** Shells Astro builds, by kind: the URL path of each (removed from the published site once used). */
export const SHELL_PATHS = { item: 'shell/item/index.html', list: 'shell/list/index.html', search: 'shell/search/index.html' } as const;
export type ShellKind = keyof typeof SHELL_PATHS;

export interface PageContent {
  title: string;
  description?: string;
  main: Html;
}

export const DEFAULT_DESCRIPTION = 'Images cleared for AI training: verified rights, honoured opt-outs, safety scores.';

export type Shell = (page: PageContent) => string;

/** Splits a built shell at its slots (each must occur exactly once) into a fast filler. */
export function parseShell(markup: string, name: string): Shell {
  const order: (keyof typeof SLOT)[] = [];
  const pieces: string[] = [];
  let rest = markup;
  for (;;) {
    const hits = (Object.keys(SLOT) as (keyof typeof SLOT)[]).map((k) => [k, rest.indexOf(SLOT[k])] as const).filter(([, i]) => i >= 0);
    if (hits.length === 0) break;
    const [key, at] = hits.reduce((a, b) => (b[1] < a[1] ? b : a));
    pieces.push(rest.slice(0, at));
    order.push(key);
    rest = rest.slice(at + SLOT[key].length);
  }
  pieces.push(rest);
  for (const k of Object.keys(SLOT) as (keyof typeof SLOT)[]) {
    const n = order.filter((o) => o === k).length;
    if (n !== 1) throw new Error(`shell ${name}: slot ${SLOT[k]} occurs ${n} times, expected once`);
  }
  return (page) => {
    const values = { title: escape(page.title), description: escape(page.description ?? DEFAULT_DESCRIPTION), main: page.main.value };
    let out = pieces[0]!;
    for (let i = 0; i < order.length; i++) out += values[order[i]!] + pieces[i + 1]!;
    return out;
  };
}
