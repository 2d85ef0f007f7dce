// The Worker refuses to serve without a SIGNING_SECRET of ≥ 32 bytes (never derives it from ADMIN_TOKEN): 503, error shape.
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signingSecretProblem } from '../../../edge/src/services/signing.js';
import { expectError, fetchWorker, seedItem } from '../helpers.js';

const fetchWith = (overrides: Record<string, unknown>, path: string, init: RequestInit = {}) =>
  fetchWorker(new Request(`http://edge.test${path}`, init), { ...env, ...overrides } as Env);

afterEach(() => vi.restoreAllMocks());

describe('configuration check', () => {
  it('answers 503 misconfigured on every Worker route while SIGNING_SECRET is missing, and logs why', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const item = await seedItem();
    for (const [path, init] of [
      ['/v1/items', {}],
      [`/v1/items/${encodeURIComponent(item.id)}/download`, { headers: { Authorization: 'Bearer clr_x' } }],
      ['/v1/admin/accounts', { headers: { Authorization: `Bearer ${env.ADMIN_TOKEN}` } }],
      ['/item/some/page/', {}],
      [`/files/${item.thumbKey}`, {}],
    ] as const) {
      const res = await fetchWith({ SIGNING_SECRET: undefined }, path, init);
      expect(res.headers.get('Retry-After')).toBe('60');
      const err = await expectError(res, 503, 'misconfigured');
      expect(err.message).toContain('SIGNING_SECRET is not set');
      expect(err.message).toContain('wrangler secret put SIGNING_SECRET');
    }
    expect(log).toHaveBeenCalledWith(expect.stringContaining('SIGNING_SECRET is not set'));
  });

  it('refuses a secret shorter than 32 bytes or equal to the admin token; a 32-byte one serves', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const short = await expectError(await fetchWith({ SIGNING_SECRET: 'x'.repeat(31) }, '/v1/items'), 503, 'misconfigured');
    expect(short.message).toContain('shorter than 32 bytes');
    const same = 'a-long-admin-token-that-is-also-the-secret-0123';
    const reused = await expectError(await fetchWith({ SIGNING_SECRET: same, ADMIN_TOKEN: same }, '/v1/items'), 503, 'misconfigured');
    expect(reused.message).toContain('equals ADMIN_TOKEN');
    expect((await fetchWith({ SIGNING_SECRET: 'é'.repeat(16) }, '/v1/items')).status).toBe(200); // 32 bytes of UTF-8
    expect((await fetchWith({}, '/v1/items')).status).toBe(200);
  });

  it('names the problem precisely', () => {
    expect(signingSecretProblem({ ADMIN_TOKEN: 't' })).toMatch(/^SIGNING_SECRET is not set/);
    expect(signingSecretProblem({ SIGNING_SECRET: '', ADMIN_TOKEN: 't' })).toMatch(/^SIGNING_SECRET is not set/);
    expect(signingSecretProblem({ SIGNING_SECRET: 'k'.repeat(32), ADMIN_TOKEN: 't' })).toBeNull();
  });
});
