// The customer's pages, mounted at the root by index.ts: /account/ behind its gate, HTML errors (the console's
// handler), the paths described in OpenAPI.
import { consoleError } from '../http/console-page.js';
import { router } from '../http/validation.js';
import { accountPageRoutes } from './account-pages.js';

export const accountArea = router();
accountArea.route('/', accountPageRoutes);
accountArea.onError(consoleError);

const DOCS: [method: 'get' | 'post', path: string, summary: string][] = [
  ['get', '/account', 'Redirects to /account/'],
  ['get', '/account/', 'The signed-in customer\'s plan, standing, scheduled change, this month so far and closed invoices (HTML)'],
  ['get', '/account/invoices.csv', 'Your closed invoices as CSV'],
  ['get', '/account/invoices/{file}', 'One invoice: YYYY-MM (HTML), YYYY-MM.json or YYYY-MM.csv (exports); the open month is a preview'],
  ['post', '/account/plan/upgrade', 'Upgrade to a paid plan from the first day of next month (form: csrf, plan)'],
  ['post', '/account/plan/cancel', 'Back to pay-as-you-go at the month\'s end, or withdraw a scheduled upgrade (form: csrf)'],
];
for (const [method, path, summary] of DOCS) {
  accountArea.openAPIRegistry.registerPath({
    method, path, tags: ['billing'], summary,
    responses: {
      200: { description: 'HTML page (JSON or CSV for exports)' }, 303: { description: 'Redirect (after a form, or to sign-in when signed out)' },
      401: { description: 'Signed out (writes)' }, 403: { description: 'Cross-site, or missing/wrong CSRF token' }, 404: { description: 'No such invoice' },
    },
  });
}
