// The holder's payouts under /holder/payouts (behind the holder's gate): statements and this month so far, each
// closed statement's downloads as CSV, and setting up the payout account at the payments provider.
import { Hono } from 'hono';
import { holderPayoutsPage } from '../console/holder-payouts-page.js';
import { messagePage } from '../console/message-page.js';
import { viewerOf } from '../http/console-page.js';
import { requireHolder, type HolderEnv } from '../http/holder-guard.js';
import { holderPayouts } from '../services/billing-overview.js';
import { toCsv } from '../services/billing-exports.js';
import { paymentsProvider } from '../services/payments-provider-select.js';
import { payoutAccountOf, payoutLines, payoutOf, savePayoutAccount } from '../services/payouts.js';

export const holderPayoutRoutes = new Hono<HolderEnv>();
holderPayoutRoutes.use('/holder/payouts', requireHolder);
holderPayoutRoutes.use('/holder/payouts/*', requireHolder);

holderPayoutRoutes.get('/holder/payouts', async (c) => {
  const payouts = await holderPayouts(c.var.db, c.env, paymentsProvider(c.env), c.var.holder.id);
  const done = c.req.query('done');
  return c.html(holderPayoutsPage({ viewer: viewerOf(c.var.session), payouts, ...(done ? { notice: done.slice(0, 200) } : {}) }));
});

holderPayoutRoutes.get('/holder/payouts/:file', async (c) => {
  const m = /^(\d{4}-(?:0[1-9]|1[0-2]))\.csv$/.exec(c.req.param('file'));
  const viewer = viewerOf(c.var.session);
  if (!m) return c.html(messagePage({ title: 'Not found', message: 'A statement export is at /holder/payouts/YYYY-MM.csv.', viewer }), 404);
  const month = m[1]!;
  const payout = await payoutOf(c.var.db, c.var.holder.id, month);
  if (!payout) return c.html(messagePage({ title: 'Not found', message: `No closed statement for ${month}.`, viewer }), 404);
  const lines = await payoutLines(c.var.db, c.var.holder.id, month);
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="clearance-payout-${month}.csv"`);
  return c.body(toCsv(['month', 'rightsHolder', 'at', 'itemId', 'priceMicros', 'feeMicros'], lines.map((l) => ({ month, rightsHolder: c.var.holder.id, ...l }))));
});

holderPayoutRoutes.post('/holder/payouts/account', async (c) => {
  const provider = paymentsProvider(c.env);
  if (provider.name === 'none') return c.redirect(`/holder/payouts?done=${encodeURIComponent('No payments provider is configured: the operator settles payouts.')}`, 303);
  if (!(await payoutAccountOf(c.var.db, c.var.holder.id))) {
    const id = await provider.createPayoutAccount({ rightsHolder: c.var.holder.id, email: c.var.session.email });
    if (id) await savePayoutAccount(c.var.db, c.var.holder.id, id);
  }
  return c.redirect(`/holder/payouts?done=${encodeURIComponent('Payout account set up.')}`, 303);
});
