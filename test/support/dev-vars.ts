// The secrets a test's `wrangler dev` needs, written as a `.dev.vars`-style env file.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';

/** The admin token and a random 32-byte signing secret (the Worker refuses to serve without one). */
export async function writeEnvFile(path: string, adminToken: string): Promise<void> {
  await writeFile(path, `ADMIN_TOKEN=${adminToken}\nSIGNING_SECRET=${randomBytes(32).toString('base64url')}\n`);
}
