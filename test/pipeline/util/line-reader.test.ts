// Line reading with a cap: \n, \r\n (also split across chunks) and \r endings like readline; an over-long line is reported, not kept.
import { describe, expect, it } from 'vitest';
import { readLines, type Line } from '../../../pipeline/util/line-reader.js';

async function lines(chunks: string[], max = 10): Promise<Line[]> {
  const out: Line[] = [];
  async function* input() {
    yield* chunks;
  }
  for await (const l of readLines(input(), max)) out.push(l);
  return out;
}

describe('readLines', () => {
  it('splits on \\n, \\r\\n and \\r, across chunk boundaries, and keeps a last line without an ending', async () => {
    const got = await lines(['a\r', '\nb\n', 'c\rd\r\n', '\r\n', 'e']);
    expect(got.map((l) => (l.tooLong ? '!' : l.text))).toEqual(['a', 'b', 'c', 'd', '', 'e']);
  });

  it('reports a line over the cap with its length and goes on with the next', async () => {
    const got = await lines(['short\n', 'x'.repeat(6), 'y'.repeat(9), '\nok'], 10);
    expect(got).toEqual([
      { text: 'short', tooLong: false },
      { text: '', tooLong: true, length: 15 },
      { text: 'ok', tooLong: false },
    ]);
  });
});
