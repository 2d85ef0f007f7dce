// The built site's `_headers` (Workers static assets): the gallery's security headers (site/src/lib/gallery-headers.ts)
// on every static asset; the Worker sets the same ones on the pages it serves itself (/item/*).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { galleryHeaders } from '../src/lib/gallery-headers.js';

const HEADERS_FILE = '_headers';

/** The origin of an absolute API base (the report form posts there), or undefined for the same origin. */
export function apiOrigin(apiBase: string): string | undefined {
  if (!/^https?:\/\//i.test(apiBase)) return undefined;
  return new URL(apiBase).origin;
}

/** The file's text: one rule for every path (two rules would join their CSPs into two policies). */
export function headersFileText(apiBase = ''): string {
  const lines = [
    '# Written by `clearance site`: response headers of every static asset of the gallery (wrangler reads this file;',
    '# it is not served). The Worker adds the same headers to the pages it serves under /item/*.',
    '/*',
    ...Object.entries(galleryHeaders(apiOrigin(apiBase))).map(([name, value]) => `  ${name}: ${value}`),
  ];
  for (const line of lines) if (line.length > 2000) throw new Error(`_headers line longer than the 2,000 characters wrangler allows: ${line.slice(0, 80)}…`);
  return `${lines.join('\n')}\n`;
}

export async function writeHeadersFile(site: string, apiBase = ''): Promise<void> {
  await writeFile(join(site, HEADERS_FILE), headersFileText(apiBase));
}
