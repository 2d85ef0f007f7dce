// The rights holders' pages, mounted at the root by index.ts: sign-up (open), then the dashboard behind its gate; HTML
// errors (the console's handler); the paths described in OpenAPI.
import { consoleError } from '../http/console-page.js';
import { router } from '../http/validation.js';
import { holderFindRoutes, publicFindRoutes } from './find.js';
import { holderRoutes } from './holder.js';
import { holderPayoutRoutes } from './holder-payouts.js';
import { holderSessionRoutes } from './holder-session.js';
import { registerPages, type PageDoc } from '../http/page-docs.js';

export const holderPages = router();
holderPages.route('/', holderSessionRoutes);
holderPages.route('/', holderPayoutRoutes); // before holderRoutes, whose catch-all answers 404
holderPages.route('/', publicFindRoutes);
holderPages.route('/', holderFindRoutes);
holderPages.route('/', holderRoutes);
holderPages.onError(consoleError);

const DOCS: PageDoc[] = [
  ['get', '/holder/sign-up', 'Rights holders’ sign-up form (sets the pre-session token cookie)'],
  ['post', '/holder/sign-up', 'Create a rights-holder account (form: token, email, name): signs in, shows the API key once'],
  ['get', '/holder', 'The holder’s dashboard (HTML; /holder redirects to /holder/): status, claims, upload form, works'],
  ['post', '/holder/claims', 'Open a claim (form: csrf, method domain|review, subject)'],
  ['post', '/holder/claims/{id}/check', 'Fetch the domain’s /.well-known/clearance-verification.txt now; verified when it holds the token (form: csrf)'],
  ['post', '/holder/works', 'Submit a work (multipart form: csrf, file, title, creator, priceMicros, generativeTraining yes|no)'],
  ['post', '/holder/works/{id}/price', 'Set one of your works’ price (form: csrf, priceMicros)'],
  ['post', '/holder/works/{id}/withdraw', 'Withdraw one of your works (form: csrf, reason): 451 on download at once'],
  ['get', '/find', 'Find my works for anyone: the upload form (HTML)'],
  ['post', '/find', 'Search the catalogue for a picture or an edited copy (multipart form: file, JPEG/PNG ≤ 10 MiB, ≤ 12 MP); the upload is not stored'],
  ['get', '/holder/find', 'Find my works for a rights holder: upload or URL form'],
  ['post', '/holder/find', 'Search by upload or by URL on a verified domain (multipart form: csrf, file | url); each match with signed evidence'],
  ['post', '/holder/find/claim', 'Claim a match as your work (form: csrf, evidence, statement): a moderator decides at /console/matches'],
  ['post', '/holder/find/withdrawal', 'Ask for a match’s withdrawal in one step (form: csrf, evidence, note?): a flag of reason infringing naming you'],
  ['get', '/holder/statement', 'Monthly statement (?month=YYYY-MM) and every download, customers as per-holder pseudonyms'],
  ['get', '/holder/audit.csv', 'The month’s downloads as CSV (?month=YYYY-MM)'],
  ['get', '/holder/payouts', 'Payout statements (earned, platform fees, carried, paid) and this month so far'],
  ['get', '/holder/payouts/{file}', 'A closed statement’s charged downloads as CSV (YYYY-MM.csv)'],
  ['post', '/holder/payouts/account', 'Set up the payout account at the payments provider (form: csrf)'],
];
registerPages(holderPages, 'holder', DOCS, { ok: 'HTML page (CSV for audit.csv)', refused: 'Not a rights-holder account, cross-site, or missing/wrong CSRF token' });
