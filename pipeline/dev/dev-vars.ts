// `.dev.vars` (wrangler's local secrets file): reads values; creates it with a random ADMIN_TOKEN and SIGNING_SECRET.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../util/atomic-write.js';
import { adminToken as adminTokenSetting } from '../util/config.js';

/** Parses `KEY=VALUE` lines (optional quotes, `#` comments), as wrangler reads .dev.vars. */
export function parseDevVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 1) continue;
    let value = line.slice(eq + 1).trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    vars[line.slice(0, eq).trim()] = value;
  }
  return vars;
}

async function readDevVars(path: string): Promise<Record<string, string>> {
  return existsSync(path) ? parseDevVars(await readFile(path, 'utf8')) : {};
}

/** Local secrets `npm start` makes sure of, with how each is generated when missing. */
const GENERATED = {
  ADMIN_TOKEN: () => randomBytes(24).toString('base64url'),
  // signs manifest download URLs; the Worker refuses to serve without one of at least 32 bytes
  SIGNING_SECRET: () => randomBytes(32).toString('base64url'),
} as const;

/** Makes sure `path` holds every generated secret, appending the missing ones (other lines are kept). */
async function ensureDevSecrets(path: string): Promise<{ vars: Record<string, string>; created: string[] }> {
  const vars = await readDevVars(path);
  const created = (Object.keys(GENERATED) as (keyof typeof GENERATED)[]).filter((k) => !vars[k]);
  if (created.length === 0) return { vars, created };
  const old = existsSync(path) ? await readFile(path, 'utf8') : '# Local secrets for wrangler dev (never commit this file).\n';
  const lines = created.map((k) => {
    vars[k] = GENERATED[k]();
    return `${k}=${vars[k]}\n`;
  });
  await writeFileAtomic(path, `${old}${old && !old.endsWith('\n') ? '\n' : ''}${lines.join('')}`);
  return { vars, created };
}

/**
 * Returns the ADMIN_TOKEN from `path`, generating one (and the file) if missing, and makes sure the file holds a
 * SIGNING_SECRET too. `created` says whether the token was new.
 */
export async function ensureAdminToken(path: string): Promise<{ token: string; created: boolean }> {
  const { vars, created } = await ensureDevSecrets(path);
  return { token: vars.ADMIN_TOKEN!, created: created.includes('ADMIN_TOKEN') };
}

/** The admin token for CLI calls: ADMIN_TOKEN from the environment, else from `.dev.vars`. */
export async function adminToken(devVarsPath: string): Promise<string | undefined> {
  return adminTokenSetting() || (await readDevVars(devVarsPath)).ADMIN_TOKEN;
}
