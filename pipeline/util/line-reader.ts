// Lines of a text stream (\n, \r\n or \r endings, like readline) with a length cap: an over-long line is reported, never buffered whole.

export type Line = { text: string; tooLong: false } | { text: ''; tooLong: true; length: number };

/** Yields every line in order (a final line without an ending included); lines over `maxChars` come back as `tooLong`. */
export async function* readLines(input: AsyncIterable<string | Buffer>, maxChars: number): AsyncGenerator<Line> {
  let parts: string[] = [];
  let size = 0;
  let skipping = false;
  let skipped = 0;
  let pendingCR = false;
  function* emit(): Generator<Line> {
    if (skipping) yield { text: '', tooLong: true, length: skipped };
    else yield { text: parts.join(''), tooLong: false };
    parts = [];
    size = 0;
    skipping = false;
    skipped = 0;
  }
  const add = (piece: string) => {
    if (!piece) return;
    if (skipping) skipped += piece.length;
    else if (size + piece.length > maxChars) {
      skipping = true;
      skipped = size + piece.length;
      parts = [];
      size = 0;
    } else {
      parts.push(piece);
      size += piece.length;
    }
  };
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? raw : raw.toString('utf8');
    let i = 0;
    if (pendingCR) {
      pendingCR = false;
      if (chunk[0] === '\n') i = 1; // the \n of a \r\n split across chunks
    }
    while (i < chunk.length) {
      let j = i;
      while (j < chunk.length && chunk[j] !== '\n' && chunk[j] !== '\r') j++;
      add(chunk.slice(i, j));
      if (j >= chunk.length) break;
      yield* emit();
      if (chunk[j] === '\r') {
        if (j + 1 >= chunk.length) pendingCR = true;
        else if (chunk[j + 1] === '\n') j++;
      }
      i = j + 1;
    }
  }
  if (size > 0 || skipping) yield* emit();
}
