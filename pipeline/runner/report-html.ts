// report.html: a self-contained page (no external assets) with the counts, an inline SVG bar chart, timings and the diff.
import { CODES } from '../catalog/index.js';
import type { BuildReport } from './report.js';
import { safetySection } from './report-histograms.js';
import { signalsSection } from './report-signals.js';
import { escapeHtml as esc } from '../util/escape-html.js';

const COLOURS: Record<string, string> = { accepted: '#2e7d32', review: '#f9a825', rejected: '#c62828' };

function colourOf(code: string): string {
  return COLOURS[(CODES as Record<string, string>)[code] ?? ''] ?? '#607d8b';
}

/** Horizontal bars, one per code, width proportional to the count. */
function barChart(counts: Record<string, number>): string {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const max = Math.max(1, ...rows.map(([, n]) => n));
  const rowH = 22;
  const labelW = 230;
  const barW = 420;
  const h = rows.length * rowH + 10;
  const bars = rows.map(([code, n], i) => {
    const y = i * rowH + 5;
    const w = Math.max(1, Math.round((n / max) * barW));
    return `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(code)}</text>` +
      `<rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 6}" fill="${colourOf(code)}"><title>${esc(code)}: ${n}</title></rect>` +
      `<text x="${labelW + w + 6}" y="${y + 15}">${n}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="decisions by main reason code" width="${labelW + barW + 60}" height="${h}" font-family="sans-serif" font-size="13">${bars.join('')}</svg>`;
}

function table(head: string[], rows: (string | number)[][]): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

function list(title: string, items: string[], cap = 200): string {
  if (!items.length) return `<h3>${esc(title)}: none</h3>`;
  const more = items.length > cap ? `<li>… and ${items.length - cap} more (see report.json)</li>` : '';
  return `<h3>${esc(title)} (${items.length})</h3><ul>${items.slice(0, cap).map((i) => `<li>${esc(i)}</li>`).join('')}${more}</ul>`;
}

export function renderReportHtml(r: BuildReport): string {
  const s = r.items.byStatus;
  const diff = r.diff
    ? `<h2>Changes since ${esc(r.diff.previous)}</h2><p>${r.diff.added.length} added, ${r.diff.removed.length} removed, ${r.diff.changed.length} changed, ${r.diff.unchanged} unchanged.</p>` +
      list('Added', r.diff.added) +
      list('Removed', r.diff.removed.map((x) => `${x.id} — now ${x.now}`)) +
      list('Changed', r.diff.changed.map((x) => `${x.id} — ${x.fields.join(', ')}`)) +
      list('Withdrawn at the edge by a moderator, still accepted by this release (stays withdrawn; review)', r.diff.edgeWithdrawn.map((x) => `${x.id} — ${x.withdrawnReason ?? 'no reason'} (${x.withdrawnAt ?? '?'})`))
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Clearance build report — ${esc(r.release)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}td:not(:first-child){text-align:right}.s{display:inline-block;margin-right:1.5rem;font-size:1.2rem}</style>
</head><body>
<h1>Build report: ${esc(r.release)}</h1>
<p>Built ${esc(r.builtAt)} from <code>${esc(r.releaseDir)}</code> in ${(r.durationMs / 1000).toFixed(1)} s (${r.itemsPerSecond.toFixed(1)} items/s, concurrency ${r.concurrency}).</p>
<p><span class="s">${r.items.total} items</span><span class="s" style="color:${COLOURS.accepted}">${s.accepted} accepted</span><span class="s" style="color:${COLOURS.review}">${s.review} review</span><span class="s" style="color:${COLOURS.rejected}">${s.rejected} rejected</span></p>
<h2>Decisions by main reason</h2>
${barChart(r.items.byCode)}
${table(['code', 'items'], Object.entries(r.items.byCode).sort((a, b) => b[1] - a[1]))}
<h2>By source</h2>
${table(['source', 'total', 'accepted', 'review', 'rejected'], Object.entries(r.sources).map(([n, c]) => [n, c.total, c.accepted, c.review, c.rejected]))}
<h2>Stage timings</h2>
${table(['stage', 'items', 'total ms', 'ms per item', 'errors'], Object.entries(r.stages).map(([n, t]) => [n, t.count, Math.round(t.ms), t.count ? (t.ms / t.count).toFixed(2) : '0', t.errors]))}
${signalsSection(r.stats ?? {})}
${safetySection(r.stats ?? {})}
<p>Cache: ${r.cache.hits} hits, ${r.cache.misses} misses. Internal errors: ${r.internalErrors}. Peak RSS ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB.</p>
${diff}
${r.notes.length ? list('Notes', r.notes) : ''}
</body></html>
`;
}
