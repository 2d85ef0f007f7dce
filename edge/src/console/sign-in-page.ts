// The sign-in page: one API key field; the form carries the pre-session token (login CSRF) and where to go next.
import { attr, html } from '../../../site/src/render/html.js';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../services/sessions.js';
import { layout } from './layout.js';

export interface SignInOptions {
  token: string;
  next: string;
  error?: string | undefined;
  notice?: string | undefined;
}

export function signInPage(p: SignInOptions): string {
  const error = p.error
    ? html`<p class="notice error" role="alert" id="sign-in-error">${p.error}</p>`
    : p.notice
      ? html`<p class="notice ok" role="status">${p.notice}</p>`
      : '';
  return layout({
    title: 'Sign in',
    main: html`<h1>Sign in to Clearance</h1>
<p>Moderators reach the console; rights holders their dashboard.</p>
${error}
<form method="post" action="/console/sign-in">
<input type="hidden" name="token"${attr('value', p.token)}>
<input type="hidden" name="next"${attr('value', p.next)}>
<div class="field">
<label for="key">API key</label>
<input id="key" name="key" type="password" required autocomplete="current-password" spellcheck="false" autofocus maxlength="200"${attr('aria-describedby', p.error ? 'sign-in-error key-help' : 'key-help')}${attr('aria-invalid', p.error ? 'true' : null)}>
<p id="key-help">Your Clearance API key (clr_…). It is checked once and never kept in the session. The session ends after ${SESSION_IDLE_MS / 60_000} minutes without activity, ${SESSION_MAX_MS / 3_600_000} hours after sign-in, when you sign out, or when the key is revoked.</p>
</div>
<button class="primary" type="submit">Sign in</button>
</form>
<p>A rights holder without an account? <a href="/holder/sign-up">Sign up to offer your works</a>.</p>`,
  }).value;
}
