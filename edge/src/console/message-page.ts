// Short console pages: refusals and errors (403, 404, 409, …), and the one-hop page that brings SameSite cookies back.
import { attr, html } from '../../../site/src/render/html.js';
import { layout, type Viewer } from './layout.js';

export interface MessageOptions {
  title: string;
  message: string;
  viewer?: Viewer | null | undefined;
  signInLink?: boolean;
}

export function messagePage(p: MessageOptions): string {
  const links = p.viewer?.moderator
    ? html`<p><a href="/console/">Back to the review queue</a></p>`
    : p.signInLink
      ? html`<p><a href="/console/sign-in">Sign in</a></p>`
      : '';
  return layout({ title: p.title, viewer: p.viewer, main: html`<h1>${p.title}</h1><p class="notice error" role="alert">${p.message}</p>${links}` }).value;
}

/**
 * Answer to a console link followed from another site: the browser withheld the SameSite=Strict session cookie, so
 * this page re-requests the same URL from the console's own origin (a meta refresh; no script), which carries it.
 */
export function continuePage(path: string): string {
  const target = path.startsWith('/console') ? path : '/console/';
  return layout({
    title: 'Continue to the console',
    head: html`<meta http-equiv="refresh"${attr('content', `0; url=${target}`)}>`,
    main: html`<h1>Continue to the console</h1><p><a${attr('href', target)}>Continue</a></p>`,
  }).value;
}
