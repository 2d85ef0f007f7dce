// report.html: what the opt-out signals said over the run (counts of the signal matrix, from the optout and content-signals stages' stats).
import { SAID, SIGNALS } from '../catalog/index.js';
import { escapeHtml as esc } from '../util/escape-html.js';

type Matrix = Record<string, Record<string, number>>;

const WHEN: Record<string, string> = { optout: 'before the fetch', 'content-signals': 'on the fetched image' };

/** One table row per (stage, signal) with the count of each answer; '' when no stage recorded a matrix. */
export function signalsSection(stats: Record<string, Record<string, unknown>>): string {
  const rows: string[] = [];
  for (const stage of ['optout', 'content-signals']) {
    const m = stats[stage]?.matrix as Matrix | undefined;
    if (!m) continue;
    for (const signal of SIGNALS) {
      const c = m[signal];
      if (!c) continue;
      rows.push(`<tr><td>${esc(signal)}</td><td>${esc(WHEN[stage] ?? stage)}</td>${SAID.map((s) => `<td>${c[s] ?? 0}</td>`).join('')}</tr>`);
    }
  }
  if (!rows.length) return '';
  return `<h2>Opt-out signals checked</h2><p>Each item's checks are in <code>signals.jsonl</code>, the snapshots they read in <code>signal-sources.json</code>. A refusal rejects the item.</p>` +
    `<table><thead><tr><th>signal</th><th>when</th>${SAID.map((s) => `<th>${s}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
