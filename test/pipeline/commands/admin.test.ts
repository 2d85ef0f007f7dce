// `clearance admin` argument and connection errors (the happy paths run against the real Worker in test/e2e).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { run } from '../../../pipeline/commands/admin.js';
import { freePort } from '../../../pipeline/dev/free-port.js';

let saved: string | undefined;
beforeAll(() => {
  saved = process.env.ADMIN_TOKEN;
  process.env.ADMIN_TOKEN = 'test-token';
});
afterAll(() => {
  if (saved === undefined) delete process.env.ADMIN_TOKEN;
  else process.env.ADMIN_TOKEN = saved;
});

describe('clearance admin', () => {
  it('rejects bad arguments with one line that says what to fix', async () => {
    await expect(run(['plans', 'create', '--id', 'x', '--name', 'X', '--fee=-1', '--downloads', '5'])).rejects.toThrow(/--fee needs a non-negative integer/);
    await expect(run(['accounts', 'create'])).rejects.toThrow(/missing --email/);
    await expect(run(['roles', 'grant', '--account', 'a', '--role', 'rightsholder'])).rejects.toThrow(/needs --rights-holder/);
    await expect(run(['widgets', 'list'])).rejects.toThrow(/unknown admin command "widgets list"/);
    await expect(run(['accounts', 'list', '--colour'])).rejects.toThrow(/Unknown option '--colour'/);
    await expect(run(['billing', 'export'])).rejects.toThrow(/missing --month/);
    await expect(run(['billing', 'export', '--month', '2026-10', '--what', 'keys'])).rejects.toThrow(/--what is invoices or payouts/);
    await expect(run(['billing', 'reconcile'])).rejects.toThrow(/missing --month/);
  });

  it('says when the Worker is not running', async () => {
    const port = await freePort();
    await expect(run(['accounts', 'list', '--url', `http://127.0.0.1:${port}`])).rejects.toThrow(/cannot reach .* is `wrangler dev` \(npm start\) running\?/);
  });

  it('reports the API error code and message', async () => {
    const server: Server = createServer((req, res) => {
      res.writeHead(req.headers.authorization === 'Bearer test-token' ? 409 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'conflict', message: 'email already registered' } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      await expect(run(['accounts', 'create', '--email', 'a@b.example', '--url', url])).rejects.toThrow('POST /v1/admin/accounts → 409 conflict: email already registered');
      await expect(run(['billing', 'close', '--month', '2026-10', '--url', url])).rejects.toThrow('POST /v1/admin/billing/close → 409 conflict');
    } finally {
      server.close();
    }
  });
});
