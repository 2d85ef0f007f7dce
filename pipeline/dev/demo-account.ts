// The demo account `npm start` prints: created once through the admin API, its key kept in a gitignored file and reused.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { AdminClient } from '../admin/admin-client.js';

const DEMO_EMAIL = 'demo@clearance.local';

export interface DemoAccount {
  accountId: string;
  email: string;
  key: string;
}

/** True when the Worker accepts `key` (GET /v1/usage answers 2xx). */
async function keyWorks(baseUrl: string, key: string): Promise<boolean> {
  const res = await fetch(new URL('/v1/usage', baseUrl), { headers: { authorization: `Bearer ${key}` } });
  await res.arrayBuffer();
  return res.ok;
}

/** Reuses the stored demo key while the Worker accepts it; else a new key for the existing demo account; else a new account. */
export async function ensureDemoAccount(api: AdminClient, statePath: string): Promise<DemoAccount & { created: boolean }> {
  if (existsSync(statePath)) {
    const saved = JSON.parse(await readFile(statePath, 'utf8')) as DemoAccount;
    if (saved.key && (await keyWorks(api.baseUrl, saved.key))) return { ...saved, created: false };
  }
  const existing = (await api.listAccounts()).accounts.find((a) => a.email === DEMO_EMAIL);
  const demo: DemoAccount = existing
    ? { accountId: existing.id, email: DEMO_EMAIL, key: (await api.createKey(existing.id, 'demo')).key }
    : await api.createAccount(DEMO_EMAIL, 'payg').then((c) => ({ accountId: c.account.id, email: DEMO_EMAIL, key: c.key }));
  await writeFileAtomic(statePath, `${JSON.stringify(demo, null, 2)}\n`);
  return { ...demo, created: true };
}
