// Writes rendered pages as `<url path>/index.html` under the site root, counting them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class PageWriter {
  count = 0;
  constructor(private readonly root: string) {}

  /** `urlPath` is a site path like `/item/museum/obj-1/` made only of slug-safe segments (lib/slug.ts). */
  write(urlPath: string, markup: string): void {
    if (!urlPath.startsWith('/') || !urlPath.endsWith('/') || urlPath.split('/').some((s) => s === '..' || s === '.')) {
      throw new Error(`not a page path: ${JSON.stringify(urlPath)}`);
    }
    const dir = join(this.root, urlPath);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), markup);
    this.count++;
  }
}
