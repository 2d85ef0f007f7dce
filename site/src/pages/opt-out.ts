// About: how rights holders opt out of the catalogue or withdraw a work that is already in it.
import type { PageContent } from '../layouts/page.js';
import { html } from '../render/html.js';

export const optOutPage: PageContent = {
  title: 'Opt out or withdraw a work',
  main: html`<h1>Opt out or withdraw a work</h1>
<h2>Keep your works out of future releases</h2>
<p>Any one of these is enough; we check all of them for every image in every release:</p>
<ul>
  <li>Add your work to the opt-out registry: one line per exact address, <code>domain:your-site.example</code> for a whole site, or <code>sha256:&lt;fingerprint&gt;</code> for one file.</li>
  <li>Publish an <code>ai.txt</code> on your site that disallows training, or a TDM reservation at <code>/.well-known/tdmrep.json</code>.</li>
  <li>Serve your images with an <code>X-Robots-Tag: noai</code> header.</li>
  <li>Write the reservation into the files (IPTC “Data Mining” property, XMP or C2PA training assertions).</li>
</ul>
<h2>Withdraw a work that is already here</h2>
<ol>
  <li>Open the work’s page in this gallery and use <strong>Report this image</strong> with the reason “infringes someone’s rights”. Say who you are in the note.</li>
  <li>A moderator checks the claim. When it holds, the work is withdrawn at once: downloads through the API stop
  (they answer “451 Unavailable For Legal Reasons”), its page and thumbnail answer “410 Gone”, and it disappears from
  the gallery and from search.</li>
  <li>Withdrawals are kept with every later release (matched by the work’s id and by its file’s fingerprint), so the
  work does not come back.</li>
  <li>People who downloaded it before learn about it from the public change feed (<code>GET /v1/changes</code>);
  <code>clearance prune</code> removes withdrawn works from a downloaded copy.</li>
</ol>
<p>Rights holders who opted in can change their price or withdraw any of their works in the rights-holder part of the API.</p>`,
};
