// The moderator console at /console/: its open doors (stylesheet, icon, sign-in, sign-out), then every moderator page behind
// one gate (session, moderator role, CSRF on writes), HTML errors, and the paths described in OpenAPI.
import { bodyLimit } from 'hono/body-limit';
import { Hono } from 'hono';
import { messagePage } from '../console/message-page.js';
import { requireModerator, type ConsoleEnv } from '../http/console-guard.js';
import { consoleError, viewerOf } from '../http/console-page.js';
import { router } from '../http/validation.js';
import { ApiError } from '../services/errors.js';
import { consoleFindRoutes } from './console-find.js';
import { consoleFlagRoutes } from './console-flags.js';
import { consoleHolderRoutes } from './console-holders.js';
import { consoleItemRoutes } from './console-items.js';
import { consoleLogRoutes } from './console-log.js';
import { consoleReviewRoutes } from './console-reviews.js';
import { consoleSessionRoutes } from './console-session.js';
import { registerPages, type PageDoc } from '../http/page-docs.js';

export { consoleHeaders } from '../http/console-headers.js';

const limitBody = bodyLimit({
  maxSize: 64 * 1024,
  onError: () => {
    throw new ApiError(413, 'payload_too_large', 'form larger than 64 KiB');
  },
});

/** Every page and action that needs a moderator: one gate in front of all of them (tests walk these routes). */
export const moderatorConsole = new Hono<ConsoleEnv>();
moderatorConsole.use('/console/*', limitBody, requireModerator);
moderatorConsole.route('/', consoleReviewRoutes);
moderatorConsole.route('/', consoleFlagRoutes);
moderatorConsole.route('/', consoleHolderRoutes);
moderatorConsole.route('/', consoleFindRoutes);
moderatorConsole.route('/', consoleItemRoutes);
moderatorConsole.route('/', consoleLogRoutes);
moderatorConsole.all('/console/*', (c) =>
  c.html(messagePage({ title: 'Not found', message: 'There is no console page at this address.', viewer: viewerOf(c.var.session) }), 404),
);

/** Mounted at the root by index.ts (`app.route('/', consoleRoutes)`): the open doors first, then the gated pages. */
export const consoleRoutes = router();
consoleRoutes.use('/console/*', limitBody);
consoleRoutes.route('/', consoleSessionRoutes);
consoleRoutes.route('/', moderatorConsole);
consoleRoutes.onError(consoleError);

const DOCS: PageDoc[] = [
  ['get', '/console', 'The review queue (HTML; /console redirects to /console/): open reviews, filtered by ?code= and ?source=, paged by ?cursor='],
  ['get', '/console/console.css', 'The console stylesheet (public)'],
  ['get', '/console/icon.svg', 'The console icon (public)'],
  ['get', '/console/sign-in', 'Sign-in form (sets the pre-session token cookie)'],
  ['post', '/console/sign-in', 'Sign in with an API key (form: key, token, next): sets the session cookie, 303 to the console'],
  ['post', '/console/sign-out', 'Sign out (form: csrf): revokes the session'],
  ['get', '/console/reviews/{id}', 'One review: evidence beside the original record, approve/reject forms'],
  ['get', '/console/reviews/{id}/thumb', 'The review’s private thumbnail (moderators only)'],
  ['get', '/console/reviews/{id}/submission', 'An opt-in submission’s original held for review (R2 incoming/; moderators only)'],
  ['post', '/console/reviews/{id}/decision', 'Approve (licence cc0-1.0|pdm-1.0) or reject with a note (form: csrf, action, licence, note)'],
  ['get', '/console/flags', 'Open flags, with dismiss/withdraw forms'],
  ['post', '/console/flags/{id}/decision', 'Dismiss a flag or withdraw its item (form: csrf, action, note)'],
  ['get', '/console/holders', 'Rights holders: pending ownership claims and every holder'],
  ['post', '/console/claims/{id}/decision', 'Verify or reject a holder’s ownership claim (form: csrf, action verify|reject, note)'],
  ['get', '/console/matches', 'Rights holders’ claims of catalogued items found by Find my works (pending)'],
  ['get', '/console/matches/{id}', 'One match claim: the holder’s evidence beside the catalogued item'],
  ['post', '/console/matches/{id}/decision', 'Approve (withdraws the item) or reject a match claim (form: csrf, action approve|reject, note)'],
  ['post', '/console/holders/{id}/status', 'Revoke or reinstate a rights holder (form: csrf, status revoked|verified, note)'],
  ['get', '/console/withdraw', 'Look up a live item by ?item= to withdraw it'],
  ['post', '/console/withdraw', 'Withdraw a live item (form: csrf, itemId, reason)'],
  ['get', '/console/log', 'Decision log, newest first, paged by ?before='],
  ['get', '/console/{key}', 'Any other console path: the console’s 404 page (moderators), else sign-in / 403'],
];
registerPages(consoleRoutes, 'console', DOCS, { ok: 'HTML page', refused: 'Not a moderator, cross-site, or missing/wrong CSRF token' });
