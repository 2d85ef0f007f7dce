// The caller's own account (GET/PATCH /v1/account): the monthly spending cap, set by the account or an admin, in usage.
import { describe, expect, it } from 'vitest';
import { ADMIN, call, expectError, newAccount, usage } from '../helpers.js';

type Account = { id: string; email: string; plan: string; spendCapMicros: number | null; createdAt: string };

describe('account', () => {
  it('shows the account and sets, changes and removes its spending cap, shown in usage', async () => {
    const acct = await newAccount();
    const got = (await (await call('/v1/account', { key: acct.key })).json()) as { account: Account };
    expect(got.account).toMatchObject({ id: acct.id, plan: 'payg', spendCapMicros: null });
    expect(await usage(acct.key)).toMatchObject({ spendCapMicros: null, spendRemainingMicros: null });
    const set = await call('/v1/account', { method: 'PATCH', key: acct.key, json: { spendCapMicros: 50_000_000 } });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { account: Account }).account.spendCapMicros).toBe(50_000_000);
    expect(await usage(acct.key)).toMatchObject({ spendCapMicros: 50_000_000, spendRemainingMicros: 50_000_000 });
    expect((await call('/v1/account', { method: 'PATCH', key: acct.key, json: { spendCapMicros: 0 } })).status).toBe(200);
    expect((await usage(acct.key)).spendRemainingMicros).toBe(0);
    const cleared = await call('/v1/account', { method: 'PATCH', key: acct.key, json: { spendCapMicros: null } });
    expect(((await cleared.json()) as { account: Account }).account.spendCapMicros).toBeNull();
  });

  it('refuses bad caps and unknown fields, and needs a key', async () => {
    const acct = await newAccount();
    for (const body of [{ spendCapMicros: -1 }, { spendCapMicros: 1.5 }, { spendCapMicros: '5' }, { spendCapMicros: 1e13 }, {}, { spendCapMicros: 5, plan: 'curation' }]) {
      await expectError(await call('/v1/account', { method: 'PATCH', key: acct.key, json: body }), 400, 'invalid_request');
    }
    await expectError(await call('/v1/account', { method: 'PATCH', json: { spendCapMicros: 5 } }), 401);
    await expectError(await call('/v1/account'), 401);
    expect(((await (await call('/v1/account', { key: acct.key })).json()) as { account: Account }).account.spendCapMicros).toBeNull();
  });

  it('lets an admin set the cap and the plan of any account', async () => {
    const acct = await newAccount();
    const path = `/v1/admin/accounts/${acct.id}`;
    const res = await call(path, { method: 'PATCH', key: ADMIN, json: { spendCapMicros: 7000 } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { account: Account }).account).toMatchObject({ plan: 'payg', spendCapMicros: 7000 });
    const both = await call(path, { method: 'PATCH', key: ADMIN, json: { plan: 'curation', spendCapMicros: null } });
    expect(((await both.json()) as { account: Account }).account).toMatchObject({ plan: 'curation', spendCapMicros: null });
    const shown = (await (await call(path, { key: ADMIN })).json()) as { account: Account };
    expect(shown.account.spendCapMicros).toBeNull();
    await expectError(await call(path, { method: 'PATCH', key: ADMIN, json: {} }), 400);
    await expectError(await call(path, { method: 'PATCH', key: ADMIN, json: { spendCapMicros: -5 } }), 400);
    await expectError(await call('/v1/admin/accounts/acct_nope', { method: 'PATCH', key: ADMIN, json: { spendCapMicros: 1 } }), 404);
    // the account's own key cannot reach the admin route
    await expectError(await call(path, { method: 'PATCH', key: acct.key, json: { spendCapMicros: 1 } }), 401);
  });
});
