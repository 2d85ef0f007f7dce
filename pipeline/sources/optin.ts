// The `optin` source adapter: works verified rights holders submitted at the edge, as `clearance pull` wrote them
// (JSON Lines of OptinSubmission): opted in by their holder at their price; a bad line is yielded as data, never thrown.
import { OptinSubmission } from '../catalog/index.js';
import { releasePath } from '../image/path-safety.js';
import { priceProblem } from '../catalog/prices.js';
import { sha256Hex } from '../util/hash.js';
import { readLines, type Line } from '../util/line-reader.js';
import { regularTextStream } from '../util/read-regular.js';
import { lineId } from './manifest.js';
import type { SourceAdapter, SourceEntry } from './source.js';

const MAX_LINE_CHARS = 64 * 1024;

function problem(err: unknown): string {
  const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues) return issues.map((i) => `${i.path.map(String).join('.') || '(line)'}: ${i.message}`).join('; ');
  return err instanceof Error ? err.message : String(err);
}

export const optinAdapter: SourceAdapter = {
  name: 'optin',
  async *read(source, ctx): AsyncGenerator<SourceEntry> {
    let lines: AsyncIterable<Line>;
    try {
      lines = readLines(await regularTextStream(releasePath(ctx.releaseDir, source.path, 'source file', false)), MAX_LINE_CHARS);
    } catch (err) {
      yield { ok: false, id: `${source.name}:${source.path}`, detail: `cannot read ${source.path}: ${problem(err)}` };
      return;
    }
    let lineNo = 0;
    for await (const l of lines) {
      lineNo++;
      if (l.tooLong) {
        yield { ok: false, id: lineId(source.name, source.path, lineNo), detail: `line ${lineNo} has ${l.length} characters (limit ${MAX_LINE_CHARS})` };
        continue;
      }
      if (l.text.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(l.text);
      } catch (err) {
        yield { ok: false, id: lineId(source.name, source.path, lineNo), detail: `line ${lineNo} is not JSON: ${problem(err)}` };
        continue;
      }
      const parsed = OptinSubmission.safeParse(json);
      if (!parsed.success) {
        const rawId = (json as { id?: unknown } | null)?.id;
        yield { ok: false, id: typeof rawId === 'string' && rawId ? `${source.name}:${rawId}` : lineId(source.name, source.path, lineNo), detail: `line ${lineNo}: ${problem(parsed.error)}` };
        continue;
      }
      const s = parsed.data;
      const badPrice = priceProblem('priceMicros', s.priceMicros);
      if (badPrice) {
        yield { ok: false, id: `${source.name}:${s.id}`, detail: `line ${lineNo}: ${badPrice}` };
        continue;
      }
      yield {
        ok: true,
        item: {
          id: `${source.name}:${s.id}`,
          foreignId: s.id,
          image: s.image,
          title: s.title,
          creator: s.creator,
          tags: [],
          licence: 'optin',
          assertedBy: 'creator',
          rightsHolder: s.holder,
          priceMicros: s.priceMicros,
          metadataSha256: sha256Hex(l.text),
          retrievedAt: s.submittedAt,
          extra: { terms: s.terms, uploadSha256: s.sha256 },
          record: json,
        },
      };
    }
  },
};
