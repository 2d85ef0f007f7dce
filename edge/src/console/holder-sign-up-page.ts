// Rights holders' sign-up: email and name (with the pre-session token against login CSRF), then the key shown once.
import { attr, html } from '../../../site/src/render/html.js';
import { layout, type Viewer } from './layout.js';

export interface SignUpOptions {
  token: string;
  email?: string | undefined;
  name?: string | undefined;
  error?: string | undefined;
}

export function signUpPage(p: SignUpOptions): string {
  return layout({
    title: 'Sign up as a rights holder',
    main: html`<h1>Offer your works for AI training, on your terms</h1>
<p>Create a rights-holder account, prove that you own your works (a file on your domain, or a moderator’s review), then
submit originals with your price per download and your terms. You see every download and what you earn.</p>
${p.error ? html`<p class="notice error" role="alert" id="sign-up-error">${p.error}</p>` : ''}
<form method="post" action="/holder/sign-up" data-testid="sign-up-form">
<input type="hidden" name="token"${attr('value', p.token)}>
<div class="field"><label for="email">Email</label>
<input id="email" name="email" type="email" required maxlength="254" autocomplete="email"${attr('value', p.email ?? '')}></div>
<div class="field"><label for="name">Your name or your organisation’s, as buyers will see it</label>
<input id="name" name="name" required maxlength="120" autocomplete="organization"${attr('value', p.name ?? '')}></div>
<button class="primary" type="submit">Create my account</button>
</form>
<p>Already signed up? <a href="/console/sign-in?next=%2Fholder%2F">Sign in with your key</a>.</p>`,
  }).value;
}

/** After sign-up: the account's API key, shown this once (it signs you in again and calls the API). */
export function welcomePage(viewer: Viewer, holderId: string, key: string): string {
  return layout({
    title: 'Your account',
    viewer,
    current: 'works',
    main: html`<h1>Welcome</h1>
<p class="notice ok" role="status">Your rights-holder account <span class="code">${holderId}</span> is created and you are signed in.</p>
<p>This is your API key. <strong>Copy it now: it is shown only once.</strong> You sign in with it, and the API accepts it.</p>
<p><input aria-label="Your API key" readonly class="code" data-testid="new-key"${attr('value', key)} size="60"></p>
<p><a class="button" href="/holder/" data-testid="continue">Continue to your dashboard</a></p>`,
  }).value;
}
