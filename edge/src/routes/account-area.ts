// The customer's pages, mounted at the root by index.ts: /account/ behind its gate, HTML errors (the console's
// handler), the paths described in OpenAPI.
import { consoleError } from '../http/console-page.js';
import { router } from '../http/validation.js';
import { accountPageRoutes } from './account-pages.js';
import { registerPages, type PageDoc } from '../http/page-docs.js';

export const accountArea = router();
accountArea.route('/', accountPageRoutes);
accountArea.onError(consoleError);

const DOCS: PageDoc[] = [
  ['get', '/account', 'Redirects to /account/'],
  ['get', '/account/', 'The signed-in customer\'s plan, standing, scheduled change, this month so far and closed invoices (HTML)'],
  ['get', '/account/invoices.csv', 'Your closed invoices as CSV'],
  ['get', '/account/invoices/{file}', 'One invoice: YYYY-MM (HTML), YYYY-MM.json or YYYY-MM.csv (exports); the open month is a preview'],
  ['post', '/account/plan/upgrade', 'Upgrade to a paid plan from the first day of next month (form: csrf, plan)'],
  ['post', '/account/plan/cancel', 'Back to pay-as-you-go at the month\'s end, or withdraw a scheduled upgrade (form: csrf)'],
];
registerPages(accountArea, 'billing', DOCS, { ok: 'HTML page (JSON or CSV for exports)', refused: 'Cross-site, or missing/wrong CSRF token', more: { 404: { description: 'No such invoice' } } });
