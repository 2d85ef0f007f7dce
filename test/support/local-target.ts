// Opens the local publish target (Miniflare D1/R2 persisted under a folder) for one callback, and always closes it.
import { join } from 'node:path';
import { openTarget } from '../../pipeline/publish/open-target.js';
import type { PublishTarget } from '../../pipeline/publish/target.js';
import { repoRoot } from './shared.js';

export async function withLocalTarget<T>(persistTo: string, fn: (t: PublishTarget) => Promise<T>): Promise<T> {
  const target = await openTarget({ mode: 'local', config: join(repoRoot, 'wrangler.toml'), persistTo });
  try {
    return await fn(target);
  } finally {
    await target.close();
  }
}
