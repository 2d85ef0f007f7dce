// The flags queue: open reports from the public with their item, and a form per flag to dismiss it or withdraw the item.
import { attr, html, type Html } from '../../../site/src/render/html.js';
import type { listFlags } from '../services/flags.js';
import { consolePath, when } from './bits.js';
import { csrfField, layout, type Viewer } from './layout.js';

type Flag = Awaited<ReturnType<typeof listFlags>>[number];

export interface FlagsOptions {
  viewer: Viewer;
  flags: Flag[];
  /** A refused submission: which flag, what was typed, what was wrong. */
  error?: { flagId: string; message: string; note?: string | undefined } | undefined;
  notice?: string | undefined;
}

function flagCard(f: Flag, i: number, p: FlagsOptions): Html {
  const err = p.error?.flagId === f.id ? p.error : undefined;
  const noteId = `note-${i}`;
  return html`<li class="card" data-testid="flag-row"><div class="body">
<p class="title">${f.itemTitle ?? '(item not in the catalogue)'}</p>
<p><span class="code">${f.itemId}</span> · item status: ${f.itemStatus ?? 'unknown'}</p>
<p>Reason: <strong>${f.reason}</strong>, reported ${when(f.createdAt)}</p>
${f.note ? html`<p>Reporter’s note: ${f.note}</p>` : ''}
<form method="post"${attr('action', consolePath('flags', f.id, 'decision'))}>${csrfField(p.viewer)}
${err ? html`<p class="err" role="alert"${attr('id', `${noteId}-error`)}>${err.message}</p>` : ''}
<div class="field"><label${attr('for', noteId)}>Your note (required)</label>
<textarea${attr('id', noteId)} name="note" required maxlength="2000"${attr('aria-describedby', err ? `${noteId}-error` : null)}>${err?.note ?? ''}</textarea></div>
<div class="actions"><button type="submit" name="action" value="dismiss">Dismiss flag</button>
<button class="danger" type="submit" name="action" value="withdraw"${attr('disabled', f.itemStatus === null)}>Withdraw item</button></div>
</form></div></li>`;
}

export function flagsPage(p: FlagsOptions): string {
  return layout({
    title: 'Flags',
    viewer: p.viewer,
    current: 'flags',
    main: html`<h1>Flags</h1>
${p.notice ? html`<p class="notice ok" role="status">${p.notice}</p>` : ''}
<p>Open reports from the public, oldest first. Withdrawing an item blocks its downloads at once and records the withdrawal for the next release and the change feed.</p>
${p.flags.length ? html`<ol class="queue">${p.flags.map((f, i) => flagCard(f, i, p))}</ol>` : html`<p class="notice">No open flags.</p>`}`,
  }).value;
}
