// report.html: safety score histograms (from the safety stage's stats) as inline SVG columns.
import { escapeHtml as esc } from '../util/escape-html.js';

interface Histogram {
  edges: number[];
  counts: number[];
  nulls?: number;
}

function isHistogram(h: unknown): h is Histogram {
  const x = h as Histogram;
  return !!x && Array.isArray(x.edges) && Array.isArray(x.counts) && x.edges.length === x.counts.length + 1;
}

/** One column chart per histogram: bins along x, item counts as bar heights. */
function histogramChart(name: string, h: Histogram): string {
  const max = Math.max(1, ...h.counts);
  const colW = 36;
  const plotH = 120;
  const cols = h.counts.map((n, i) => {
    const barH = Math.round((n / max) * plotH);
    const x = 10 + i * colW;
    const lo = h.edges[i]!.toFixed(1);
    return `<rect x="${x}" y="${plotH - barH + 16}" width="${colW - 4}" height="${barH}" fill="#5c6bc0"><title>${esc(name)} ${lo}–${h.edges[i + 1]!.toFixed(1)}: ${n}</title></rect>` +
      `<text x="${x + (colW - 4) / 2}" y="${plotH + 30}" text-anchor="middle">${lo}</text>` +
      `<text x="${x + (colW - 4) / 2}" y="${plotH - barH + 12}" text-anchor="middle">${n}</text>`;
  });
  const width = 20 + h.counts.length * colW;
  return `<figure><figcaption>${esc(name)} (${h.nulls ?? 0} without a score)</figcaption>` +
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(name)} histogram" width="${width}" height="${plotH + 40}" font-family="sans-serif" font-size="11">${cols.join('')}</svg></figure>`;
}

/** The safety section, or '' when the run has no safety histograms (e.g. CLEARANCE_SAFETY=off). */
export function safetySection(stats: Record<string, Record<string, unknown>>): string {
  const safety = stats.safety as { histograms?: Record<string, unknown>; counts?: Record<string, number> } | undefined;
  const charts = Object.entries(safety?.histograms ?? {})
    .filter((e): e is [string, Histogram] => isHistogram(e[1]))
    .map(([name, h]) => histogramChart(name, h));
  if (!charts.length) return '';
  const counts = Object.entries(safety?.counts ?? {})
    .map(([k, v]) => `${esc(k)}: ${esc(v)}`)
    .join(' · ');
  return `<h2>Safety scores</h2>${counts ? `<p>${counts}</p>` : ''}${charts.join('')}`;
}
