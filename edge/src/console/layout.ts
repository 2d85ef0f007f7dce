// The console's page shell: head (viewport, stylesheet), skip link, header with navigation and sign-out, main.
import { attr, html, type Html } from '../../../site/src/render/html.js';
import { ICON_PATH, STYLESHEET_PATH } from './styles.js';

/** Who is looking (from the session): shown in the header, with the sign-out form. */
export interface Viewer {
  email: string;
  csrf: string;
  moderator: boolean;
  /** Signed up as a rights holder: the header links to the holder's dashboard. */
  holder?: boolean | undefined;
}

export type NavKey = 'reviews' | 'flags' | 'holders' | 'matches' | 'withdraw' | 'log' | 'works' | 'find' | 'statement' | 'payouts' | 'account';

const NAV: [NavKey, string, string][] = [
  ['reviews', '/console/', 'Review queue'],
  ['flags', '/console/flags', 'Flags'],
  ['holders', '/console/holders', 'Rights holders'],
  ['matches', '/console/matches', 'Match claims'],
  ['withdraw', '/console/withdraw', 'Withdraw an item'],
  ['log', '/console/log', 'Decision log'],
];

export interface PageOptions {
  title: string;
  main: Html;
  viewer?: Viewer | null | undefined;
  current?: NavKey | undefined;
  /** Extra tags for <head> (trusted markup built by `html`). */
  head?: Html | undefined;
}

/** The hidden CSRF field every console form carries. */
export const csrfField = (v: Viewer): Html => html`<input type="hidden" name="csrf"${attr('value', v.csrf)}>`;

const HOLDER_NAV: [NavKey, string, string][] = [
  ['works', '/holder/', 'My works'],
  ['find', '/holder/find', 'Find my works'],
  ['statement', '/holder/statement', 'Statement and downloads'],
  ['payouts', '/holder/payouts', 'Payouts'],
];

/** Every signed-in person's own account: plan, invoices, exports. */
const ACCOUNT_NAV: [NavKey, string, string][] = [['account', '/account/', 'Plan and invoices']];

function header(viewer: Viewer | null | undefined, current: NavKey | undefined): Html {
  const links = [...(viewer?.holder ? HOLDER_NAV : []), ...(viewer?.moderator ? NAV : []), ...(viewer ? ACCOUNT_NAV : [])];
  const nav = links.length
    ? html`<nav aria-label="Console"><ul>${links.map(
        ([key, href, label]) => html`<li><a${attr('href', href)}${attr('aria-current', key === current ? 'page' : null)}>${label}</a></li>`,
      )}</ul></nav>`
    : '';
  const who = viewer
    ? html`<form class="who" method="post" action="/console/sign-out">${csrfField(viewer)}<span>${viewer.email}</span> <button type="submit">Sign out</button></form>`
    : '';
  return html`<header><a class="brand"${attr('href', viewer && !viewer.moderator ? (viewer.holder ? '/holder/' : '/account/') : '/console/')}>Clearance console</a>${nav}${who}</header>`;
}

export function layout(p: PageOptions): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${p.title} · Clearance console</title>
<link rel="stylesheet"${attr('href', STYLESHEET_PATH)}>
<link rel="icon" type="image/svg+xml"${attr('href', ICON_PATH)}>
${p.head}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${header(p.viewer, p.current)}
<main id="main" tabindex="-1">
${p.main}
</main>
</body>
</html>
`;
}
