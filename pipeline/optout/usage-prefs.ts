// AI usage preferences (IETF AIPREF): a Content-Usage value (header field or robots.txt rule) or Cloudflare's Content-Signal, and whether it forbids AI training.

/**
 * Implemented: draft-ietf-aipref-vocab-07 (19 August 2026; the -08 of 14 September 2026 and the editor's copy keep
 * `train-ai` and add `ai-use`) with draft-ietf-aipref-attach-05 (19 August 2026). Labels of earlier drafts are still
 * served by sites, so they are read too: `train-genai` (vocab-02/-03), `ai` and `genai` (vocab-00/-01) as training;
 * `bots` (vocab-03/-04), `all` (vocab-02) and `tdm` (vocab-01) as parents of training (a `n` there applies unless a
 * training label says `y`, the drafts' hierarchy). Cloudflare's Content-Signal `ai-train=no` (draft-romm-aipref-contentsignals-00).
 */
const TRAINING = new Set(['train-ai', 'train-genai', 'ai', 'genai', 'ai-train']);
const PARENTS = new Set(['bots', 'all', 'tdm']);

export type Pref = 'y' | 'n';

/** Splits on commas outside double quotes. */
function members(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '"' && value[i - 1] !== '\\') quoted = !quoted;
    if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * Members of a Structured Fields dictionary, read leniently and conservatively: keys compared case-insensitively,
 * parameters dropped, `n`/`no` (token or string) is a refusal, `y`/`yes` a permission, anything else unknown. Where
 * a key repeats (two header lines are one comma-joined field), every value is kept: any `n` wins, never the last.
 */
export function parseUsage(value: string): [string, Pref | undefined][] {
  const out: [string, Pref | undefined][] = [];
  for (const m of members(value.slice(0, 8192))) {
    const [kv] = m.split(';');
    const eq = kv!.indexOf('=');
    const key = (eq < 0 ? kv! : kv!.slice(0, eq)).trim().toLowerCase();
    if (!key) continue;
    const raw = eq < 0 ? '' : kv!.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase();
    out.push([key, raw === 'n' || raw === 'no' ? 'n' : raw === 'y' || raw === 'yes' ? 'y' : undefined]);
  }
  return out;
}

/** The member that forbids AI training (`train-ai=n`), or undefined. */
export function trainingRefusal(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const prefs = parseUsage(value);
  const no = prefs.find(([k, v]) => TRAINING.has(k) && v === 'n');
  if (no) return `${no[0]}=n`;
  if (prefs.some(([k, v]) => TRAINING.has(k) && v === 'y')) return undefined;
  const parent = prefs.find(([k, v]) => PARENTS.has(k) && v === 'n');
  return parent ? `${parent[0]}=n` : undefined;
}

/** A one-line account of what a value says (for the signal matrix), e.g. `search=n, train-ai=y`. */
export function describeUsage(value: string): string {
  return parseUsage(value)
    .map(([k, v]) => `${k}=${v ?? '?'}`)
    .join(', ')
    .slice(0, 200);
}
