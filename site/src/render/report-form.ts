// "Report this image" form markup: posts { itemId, reason, note } to <API base>/v1/flags (scripts/report.ts sends it).
import { attr, html, type Html } from './html.js';

const REASONS = [
  ['objectionable', 'Objectionable (nudity, violence, hateful content)'],
  ['infringing', 'Infringes someone’s rights (not really public domain or opted in)'],
  ['privacy', 'Privacy (shows a person or personal data who should not be here)'],
  ['other', 'Something else'],
] as const;

export function reportForm(itemId: string, apiBase: string): Html {
  return html`<section aria-labelledby="report-heading" data-pagefind-ignore>
<h2 id="report-heading">Report this image</h2>
<form data-testid="report-form" data-report-form${attr('data-api', apiBase)}${attr('data-item-id', itemId)}>
<fieldset><legend>Why should we look at it?</legend>
${REASONS.map(([value, label], i) => html`<div><label><input type="radio" name="reason"${attr('value', value)} required${attr('checked', i === 0)}> ${label}</label></div>`)}
</fieldset>
<p><label for="report-note">Anything we should know (optional)</label><br><textarea id="report-note" name="note" rows="3" cols="50" maxlength="2000"></textarea></p>
<p><button type="submit" data-testid="report-submit" disabled>Send report</button></p>
<p data-report-status data-testid="report-status" role="status" aria-live="polite"></p>
</form>
<p>What happens next: a moderator reviews every report, usually within a few days. If the image breaks our policy
it is withdrawn: it leaves the gallery and can no longer be downloaded through the API. Reports are anonymous.</p>
<noscript><p>Sending a report needs JavaScript. Without it, write to the maintainers with the image id <code>${itemId}</code>.</p></noscript>
</section>`;
}
