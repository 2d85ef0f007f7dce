// wrangler's JavaScript API (config reader, SQL splitter), loaded once per process with require(): its 12.7 MB
// CommonJS bundle imported as ESM is first compiled once more to detect its format and then scanned for export names
// (~0.6 CPU-s more each process that publishes, pulls or reads wrangler.toml).
import { createRequire } from 'node:module';

type Wrangler = typeof import('wrangler');

let loaded: Wrangler | undefined;

export function wranglerApi(): Wrangler {
  loaded ??= createRequire(import.meta.url)('wrangler') as Wrangler;
  return loaded;
}
