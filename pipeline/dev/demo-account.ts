// The demo account `npm start` prints: created once through the admin API, its key kept in a gitignored file and reused.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../util/atomic-write.js';
import { AdminClient } from './admin-client.js';

export interface DemoAccount {
  accountId: string;
  email: string;
  key: string;
}

/** True when the Worker accepts `key` (GET /v1/usage answers 2xx). */
export async function keyWorks(baseUrl: string, key: string): Promise<boolean> {
  const res = await fetch(new URL('/v1/usage', baseUrl), { headers: { authorization: `Bearer ${key}` } });
  await res.arrayBuffer();
  return res.ok;
}

/** Reuses the stored demo key while the Worker still accepts it; otherwise creates a fresh demo account. */
export async function ensureDemoAccount(api: AdminClient, statePath: string): Promise<DemoAccount & { created: boolean }> {
  if (existsSync(statePath)) {
    const saved = JSON.parse(await readFile(statePath, 'utf8')) as DemoAccount;
    if (saved.key && (await keyWorks(api.baseUrl, saved.key))) return { ...saved, created: false };
  }
  // A new email each time the local state was wiped or the key lost, so creation never collides with an old account.
  const email = `demo+${Date.now().toString(36)}@clearance.local`;
  const created = await api.createAccount(email, 'payg');
  const demo: DemoAccount = { accountId: created.account.id, email, key: created.key };
  await writeFileAtomic(statePath, `${JSON.stringify(demo, null, 2)}\n`);
  return { ...demo, created: true };
}
