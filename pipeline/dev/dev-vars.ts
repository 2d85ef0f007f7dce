// `.dev.vars` (wrangler's local secrets file): reads values and creates it with a random ADMIN_TOKEN when missing.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../util/atomic-write.js';

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

export async function readDevVars(path: string): Promise<Record<string, string>> {
  return existsSync(path) ? parseDevVars(await readFile(path, 'utf8')) : {};
}

/** Returns the ADMIN_TOKEN from `path`, generating one (and the file) if missing. `created` says whether it was new. */
export async function ensureAdminToken(path: string): Promise<{ token: string; created: boolean }> {
  const vars = await readDevVars(path);
  if (vars.ADMIN_TOKEN) return { token: vars.ADMIN_TOKEN, created: false };
  const token = randomBytes(24).toString('base64url');
  const line = `ADMIN_TOKEN=${token}\n`;
  const old = existsSync(path) ? await readFile(path, 'utf8') : '# Local secrets for wrangler dev (never commit this file).\n';
  await writeFileAtomic(path, `${old}${old && !old.endsWith('\n') ? '\n' : ''}${line}`);
  return { token, created: true };
}

/** The admin token for CLI calls: ADMIN_TOKEN from the environment, else from `.dev.vars`. */
export async function adminToken(devVarsPath: string): Promise<string | undefined> {
  return process.env.ADMIN_TOKEN || (await readDevVars(devVarsPath)).ADMIN_TOKEN;
}
