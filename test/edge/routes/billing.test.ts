// A test month end to end with no payments provider: downloads charged through the real batch, the month closed by the
// admin API, invoices and payouts reconciled to the µ$ against the ledger, a re-run that changes nothing (same bytes),
// carried balances, and what customers and rights holders see (API, signed-in pages, exports).
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { closeMonthApi, chargeAt, exportMonth, openedIn2024 } from '../billing-helpers.js';
import { consoleCall, get, hidden, postSignIn, setCookieValue } from '../console-helpers.js';
import { ADMIN, call, expectError, newAccount, seedItem } from '../helpers.js';
import { signUp } from '../holder-helpers.js';

const MONTH = '2025-03';

describe('month close (provider none)', async () => {
  const a = await newAccount('payg');
  const b = await newAccount('curation');
  const museum = await newAccount('payg', [{ role: 'rightsholder', rightsHolder: 'Museum One' }]);
  const holder = await signUp('Studio Two');
  await openedIn2024(a.id, b.id, museum.id);
  const i1 = await seedItem({ priceMicros: 9_000_000, rightsHolder: 'Museum One', withFile: false });
  const i2 = await seedItem({ priceMicros: 1_234_567, rightsHolder: 'Museum One', withFile: false });
  const i3 = await seedItem({ priceMicros: 3_333, rightsHolder: holder.holderId, withFile: false });
  const i4 = await seedItem({ priceMicros: 0, withFile: false });
  for (const [key, item] of [[a.key, i1], [a.key, i2], [a.key, i3], [a.key, i4], [b.key, i1], [b.key, i3], [b.key, i4]] as const) {
    expect((await chargeAt(key, item.id, `${MONTH}-10T12:00:00Z`)).kind).toBe('charged');
  }
  expect((await chargeAt(a.key, i1.id, `${MONTH}-20T12:00:00Z`)).kind).toBe('repeat'); // once per account, item and month

  it('writes one invoice per account and one statement per rights holder that reconcile with the ledger to the µ$', async () => {
    const s = await closeMonthApi(MONTH);
    const r = s.reconciliation;
    console.log(`reconciliation ${MONTH}:`, JSON.stringify(r));
    expect(s.firstClose).toBe(true);
    expect(r.ledger).toEqual({ downloads: 7, feesMicros: 7_000, pricesMicros: 19_241_233, unattributedPricesMicros: 0 });
    // Σ invoices = fees + prices + plan fees (b is on curation: $10); Σ payouts + platform fees = prices + fees.
    expect(r.invoices).toMatchObject({ count: 3, planFeesMicros: 10_000_000, feesMicros: 7_000, pricesMicros: 19_241_233, totalMicros: 29_248_233 });
    expect(r.invoices.totalMicros).toBe(r.ledger.feesMicros + r.ledger.pricesMicros + r.invoices.planFeesMicros);
    expect(r.payouts.earnedMicros + r.payouts.platformFeesMicros).toBe(r.ledger.pricesMicros + r.ledger.feesMicros);
    expect(r.invoicesMatch && r.payoutsMatch).toBe(true);

    const month = JSON.parse(await exportMonth(MONTH)) as { invoices: Record<string, number | string>[]; payouts: Record<string, number | string | null>[] };
    const inv = Object.fromEntries(month.invoices.map((i) => [i.accountId, i]));
    // a: fees 4,000 + prices 10,237,900 = 10,241,900 µ$ → $1,024.19 rounds half up to 1024 cents.
    expect(inv[a.id]).toMatchObject({ planId: 'payg', planFeeMicros: 0, downloads: 4, feesMicros: 4_000, pricesMicros: 10_237_900, totalMicros: 10_241_900, usageMinor: 1024, totalMinor: 1024 });
    // b: plan $10 (1000 cents) + usage 9,006,333 µ$ → 900.6333 cents → 901; due 1901 cents.
    expect(inv[b.id]).toMatchObject({ planId: 'curation', planFeeMicros: 10_000_000, feesMicros: 3_000, pricesMicros: 9_003_333, planFeeMinor: 1000, usageMinor: 901, totalMinor: 1901 });
    expect(inv[museum.id]).toMatchObject({ totalMicros: 0, totalMinor: 0 });
    const pay = Object.fromEntries(month.payouts.map((p) => [p.rightsHolder, p]));
    // Museum One earned 19,234,567 µ$ (≥ $10): 1923 cents paid, the 4,567 µ$ under a cent carried.
    expect(pay['Museum One']).toMatchObject({ downloads: 3, pricesMicros: 19_234_567, feesMicros: 3_000, carriedInMicros: 0, paidMicros: 19_230_000, paidMinor: 1923, carriedOutMicros: 4_567 });
    // Studio Two earned 6,666 µ$: under the minimum, all carried.
    expect(pay[holder.holderId]).toMatchObject({ downloads: 2, pricesMicros: 6_666, feesMicros: 2_000, paidMicros: 0, carriedOutMicros: 6_666 });
  });

  it('a closed month re-run writes nothing and exports the same bytes', async () => {
    const before = [await exportMonth(MONTH), await exportMonth(MONTH, '?format=csv&what=invoices'), await exportMonth(MONTH, '?format=csv&what=payouts')];
    // A download charged late into the closed month (clock skew) does not reopen it.
    const again = await closeMonthApi(MONTH);
    expect(again).toMatchObject({ firstClose: false, invoices: { written: 0, count: 3 }, payouts: { written: 0, count: 2 } });
    const after = [await exportMonth(MONTH), await exportMonth(MONTH, '?format=csv&what=invoices'), await exportMonth(MONTH, '?format=csv&what=payouts')];
    expect(after).toEqual(before);
    expect(before[1]!.split('\r\n')[0]).toBe('id,month,accountId,planId,planFeeMicros,downloads,feesMicros,pricesMicros,totalMicros,currency,planFeeMinor,usageMinor,totalMinor,closedAt');
  });

  it('carries balances into the next month and bills the plan fee of a month without downloads', async () => {
    const s = await closeMonthApi('2025-04');
    const month = JSON.parse(await exportMonth('2025-04')) as { invoices: Record<string, number | string>[]; payouts: Record<string, number | string | null>[] };
    expect(month.invoices.find((i) => i.accountId === b.id)).toMatchObject({ planFeeMicros: 10_000_000, downloads: 0, totalMinor: 1000 });
    expect(Object.fromEntries(month.payouts.map((p) => [p.rightsHolder, [p.carriedInMicros, p.pricesMicros, p.carriedOutMicros]]))).toEqual({ 'Museum One': [4_567, 0, 4_567], [holder.holderId]: [6_666, 0, 6_666] });
    expect(s.reconciliation.invoicesMatch && s.reconciliation.payoutsMatch).toBe(true);
  });

  it('refuses to close a month that has not ended, or one after a month left open', async () => {
    const now = new Date().toISOString().slice(0, 7);
    await expectError(await call('/v1/admin/billing/close', { method: 'POST', key: ADMIN, json: { month: now } }), 409, 'month_open');
    expect((await chargeAt(a.key, i1.id, '2025-06-02T00:00:00Z')).kind).toBe('charged');
    await expectError(await call('/v1/admin/billing/close', { method: 'POST', key: ADMIN, json: { month: '2025-07' } }), 409, 'previous_month_open');
    await expectError(await call('/v1/admin/billing/close', { method: 'POST', key: ADMIN, json: { month: '2025-13' } }), 400, 'invalid_request');
    await expectError(await call('/v1/admin/billing/close', { method: 'POST', key: a.key, json: { month: '2025-05' } }), 401);
  });

  it('shows customers their invoices through the API (JSON, CSV) with this month as a preview', async () => {
    const res = await call('/v1/billing', { key: a.key });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { plan: { id: string }; invoices: { month: string; totalMinor: number; closedAt: string | null }[]; preview: { closedAt: null; paymentStatus: string } };
    expect(body.plan.id).toBe('payg');
    expect(body.invoices.map((i) => [i.month, i.totalMinor])).toEqual([['2025-04', 0], ['2025-03', 1024]]);
    expect(body.preview).toMatchObject({ closedAt: null, paymentStatus: 'preview' });
    const csv = await (await call(`/v1/billing/invoices/${MONTH}?format=csv`, { key: a.key })).text();
    expect(csv.split('\r\n')[1]).toContain(`inv_${MONTH}_${a.id},${MONTH},${a.id},payg,0,4,4000,10237900,10241900,usd,0,1024,1024,`);
    await expectError(await call('/v1/billing/invoices/2024-01', { key: a.key }), 404, 'not_found');
    await expectError(await call('/v1/billing'), 401);
  });

  it('lets a customer sign in with their key and see plan, invoices and exports in the browser; upgrade and withdraw', async () => {
    const res = await postSignIn(a.key);
    expect(res.status).toBe(303);
    expect(res.headers.get('Location')).toBe('/account/');
    const cookie = `__Host-clr_session=${setCookieValue(res, '__Host-clr_session')}`;
    const page = await (await get('/account/', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('data-testid="invoice-row"');
    expect(page).toContain('$10.24');
    const csrf = hidden(page, 'csrf');
    const b1 = { cookie, id: '', csrf };
    const detail = await (await consoleCall(`/account/invoices/${MONTH}`, b1)).text();
    expect(detail).toMatch(/data-testid="invoice-total">\$10\.24</);
    const json = (await (await consoleCall(`/account/invoices/${MONTH}.json`, b1)).json()) as { invoice: { totalMicros: number }; closed: boolean };
    expect(json).toMatchObject({ invoice: { totalMicros: 10_241_900 }, closed: true });
    expect((await (await consoleCall('/account/invoices.csv', b1)).text()).split('\r\n')).toHaveLength(4); // header, 2 invoices, ''

    const up = await consoleCall('/account/plan/upgrade', b1, { form: { plan: 'curation' } });
    expect(up.status).toBe(303);
    const next = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
    const after = await (await consoleCall('/account/', b1)).text();
    expect(after).toMatch(new RegExp(`data-testid="pending">curation from ${next}`));
    expect((await consoleCall('/account/plan/upgrade', b1, { form: { plan: 'curation' } })).status).toBe(409);
    expect((await consoleCall('/account/plan/upgrade', b1, { form: { plan: 'curation' }, csrf: 'forged' })).status).toBe(403);
    expect((await consoleCall('/account/plan/cancel', b1, { form: {} })).status).toBe(303);
    const changes = (await (await call('/v1/billing/changes', { key: a.key })).json()) as { changes: { event: string; reason: string; toPlan: string }[] };
    expect(changes.changes.map((c) => `${c.event}:${c.reason}:${c.toPlan}`)).toEqual(['withdrawn:cancel:curation', 'scheduled:upgrade:curation']);
    expect((await get('/account/')).headers.get('Location')).toBe('/console/sign-in?next=%2Faccount%2F');
  });

  it('shows rights holders their statements: API with each download, dashboard page and CSV export', async () => {
    const res = await call('/v1/payouts', { key: museum.key });
    const body = (await res.json()) as { holders: { rightsHolder: string; statements: { month: string; paidMinor: number; feesMicros: number }[] }[] };
    expect(body.holders.map((h) => h.rightsHolder)).toEqual(['Museum One']);
    expect(body.holders[0]!.statements.map((s) => [s.month, s.paidMinor])).toEqual([['2025-04', 0], [MONTH, 1923]]);
    const one = (await (await call(`/v1/payouts/${MONTH}`, { key: museum.key })).json()) as { downloads: { priceMicros: number; feeMicros: number }[] };
    expect(one.downloads.reduce((s, d) => s + d.priceMicros, 0)).toBe(19_234_567);
    expect(one.downloads.every((d) => d.feeMicros === 1000)).toBe(true);
    await expectError(await call('/v1/payouts', { key: a.key }), 403);

    const page = await (await consoleCall('/holder/payouts', holder)).text();
    expect(page).toContain('data-testid="payout-row"');
    expect(page).toContain('below the minimum payout');
    const csv = await (await consoleCall(`/holder/payouts/${MONTH}.csv`, holder)).text();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
    const home = await (await consoleCall('/holder/', holder)).text();
    expect(home).toContain('href="/holder/payouts"');
    expect(env.PAYMENTS_PROVIDER).toBe('none');
  });
});
