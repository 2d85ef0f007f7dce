// A small RFC 4180 reader: records with their fields and their exact source text (quoted fields may hold newlines).
export interface CsvRecord {
  fields: string[];
  /** The record's text as it appears in the file, without its line break. */
  raw: string;
  /** 1-based line where the record starts. */
  line: number;
}

export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const start = i;
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error(`line ${startLine}: a quoted field is never closed`);
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          value += c;
          i++;
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
      }
      fields.push(value);
      if (text[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    const end = i;
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    } else if (i < text.length) throw new Error(`line ${line}: unexpected character after a quoted field`);
    const raw = text.slice(start, end);
    if (raw.trim() !== '') out.push({ fields, raw, line: startLine });
  }
  return out;
}

/** Undoes the manifest's spreadsheet-formula guard (`'` before a leading = + - @ tab or CR) on an identifier. */
export function unguard(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
