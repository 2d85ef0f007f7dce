// The customer's pages under /account/ (signed in with an API key at /console/sign-in, as everyone): plan and
// standing, upgrade (from next month) and cancel (at the month's end), invoices and their JSON/CSV exports. HTML errors.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { accountHomePage } from '../console/account-home-page.js';
import { accountInvoicePage } from '../console/account-invoice-page.js';
import { messagePage } from '../console/message-page.js';
import { requireSignedIn, type AccountEnv } from '../http/account-guard.js';
import { viewerOf } from '../http/console-page.js';
import { readForm } from '../http/form.js';
import { invoiceRecord, invoicesCsv, toCsv, INVOICE_COLUMNS } from '../services/billing-exports.js';
import { customerBilling } from '../services/billing-overview.js';
import { requestCancel, requestUpgrade } from '../services/billing-plans.js';
import { ApiError } from '../services/errors.js';
import { invoiceId, invoiceOrPreview, invoicesOfAccount } from '../services/invoices.js';
import { monthOf } from '../services/months.js';
import { paymentsProvider } from '../services/payments-provider-select.js';

export const accountPageRoutes = new Hono<AccountEnv>();
accountPageRoutes.get('/account', (c) => c.redirect('/account/', 301));
accountPageRoutes.use('/account/*', requireSignedIn);

const FILE = /^(\d{4}-(?:0[1-9]|1[0-2]))(?:\.(json|csv))?$/;

async function home(c: Context<AccountEnv>, status: 200 | 400 | 409 = 200, msg: { notice?: string; error?: string } = {}) {
  const billing = await customerBilling(c.var.db, c.var.session.accountId);
  return c.html(accountHomePage({ viewer: viewerOf(c.var.session), billing, ...msg }), status);
}

async function orRefusal(c: Context<AccountEnv>, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ApiError && (err.status === 400 || err.status === 409)) return home(c, err.status, { error: err.message });
    throw err;
  }
}

accountPageRoutes.get('/account/', (c) => home(c, 200, c.req.query('done') ? { notice: c.req.query('done')!.slice(0, 200) } : {}));

accountPageRoutes.get('/account/invoices.csv', async (c) => {
  c.header('Content-Disposition', 'attachment; filename="clearance-invoices.csv"');
  c.header('Content-Type', 'text/csv; charset=utf-8');
  return c.body(invoicesCsv(await invoicesOfAccount(c.var.db, c.var.session.accountId)));
});

accountPageRoutes.get('/account/invoices/:file', async (c) => {
  const m = FILE.exec(c.req.param('file'));
  const viewer = viewerOf(c.var.session);
  if (!m) return c.html(messagePage({ title: 'Not found', message: 'Invoices are at /account/invoices/YYYY-MM (.json or .csv for exports).', viewer }), 404);
  const [, month, ext] = m as unknown as [string, string, 'json' | 'csv' | undefined];
  const found = await invoiceOrPreview(c.var.db, c.var.session.accountId, month, monthOf(new Date()));
  if (!found) return c.html(messagePage({ title: 'Not found', message: `There is no invoice for ${month}: months are invoiced when they end, from the month the account was opened.`, viewer }), 404);
  const record = invoiceRecord({ ...found.invoice, id: found.invoice.id ?? invoiceId(found.invoice.accountId, month), closedAt: found.invoice.closedAt ?? null } as Parameters<typeof invoiceRecord>[0]);
  if (ext === 'json') {
    c.header('Content-Disposition', `attachment; filename="clearance-invoice-${month}.json"`);
    return c.json({ invoice: record, closed: found.closed, paymentStatus: found.invoice.paymentStatus ?? 'preview' });
  }
  if (ext === 'csv') {
    c.header('Content-Disposition', `attachment; filename="clearance-invoice-${month}.csv"`);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(toCsv(INVOICE_COLUMNS, [record]));
  }
  return c.html(accountInvoicePage({ viewer, month, closed: found.closed, invoice: found.invoice }));
});

const UpgradeForm = z.object({ plan: z.string().trim().min(1, 'choose a plan').max(40) });

accountPageRoutes.post('/account/plan/upgrade', async (c) => {
  const form = UpgradeForm.safeParse(await readForm(c));
  if (!form.success) return home(c, 400, { error: form.error.issues[0]!.message });
  return orRefusal(c, async () => {
    const r = await requestUpgrade(c.var.db, paymentsProvider(c.env), c.var.session.accountId, form.data.plan, `session:${c.var.session.email}`);
    return c.redirect(`/account/?done=${encodeURIComponent(`Upgrade scheduled: ${r.toPlan} from ${r.from}.`)}`, 303);
  });
});

accountPageRoutes.post('/account/plan/cancel', (c) =>
  orRefusal(c, async () => {
    const r = await requestCancel(c.var.db, paymentsProvider(c.env), c.var.session.accountId, `session:${c.var.session.email}`);
    return c.redirect(`/account/?done=${encodeURIComponent(r.from ? `Cancelled: pay-as-you-go from ${r.from}.` : 'The scheduled upgrade was withdrawn.')}`, 303);
  }),
);

accountPageRoutes.all('/account/*', (c) => c.html(messagePage({ title: 'Not found', message: 'There is no page at this address.', viewer: viewerOf(c.var.session) }), 404));
