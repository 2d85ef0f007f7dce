// About: the download API in brief — keys, plans, prices and the main routes.
import type { PageContent } from '../layouts/page.js';
import { html } from '../render/html.js';

export const apiPage: PageContent = {
  title: 'The API in brief',
  main: html`<h1>The API in brief</h1>
<p>Browsing and searching is free. Originals are downloaded through the API, with a key, and every download is
metered and recorded so rights holders can see how their work is used.</p>
<h2>Keys and plans</h2>
<ul>
  <li><strong>Pay as you go</strong>: no monthly fee, up to 1,000 downloads a month.</li>
  <li><strong>Curation</strong>: $10 a month, up to 10,000 downloads a month, private collections and early access.</li>
</ul>
<p>A download costs the rights holder’s price (zero for public-domain works) plus a flat fee of $0.001, charged once per
account, image and month. Keys are shown once when created; keep them secret.</p>
<h2>Main routes</h2>
<dl>
  <dt><code>GET /v1/items/:id</code></dt><dd>an item’s catalogue record</dd>
  <dt><code>GET /v1/items/:id/download</code></dt><dd>the original file (401 bad key, 404 unknown, 451 withdrawn, 429 quota spent)</dd>
  <dt><code>GET /v1/items?limit=&amp;cursor=</code></dt><dd>lists live items</dd>
  <dt><code>GET /v1/usage</code></dt><dd>this month’s downloads, quota and charges</dd>
  <dt><code>/v1/keys</code>, <code>/v1/collections</code></dt><dd>manage keys and private collections (with a bulk-download manifest)</dd>
  <dt><code>POST /v1/flags</code></dt><dd>report an image (no key needed)</dd>
  <dt><code>GET /v1/openapi.json</code></dt><dd>the full description</dd>
</dl>
<h2>Example</h2>
<pre><code>curl -H "Authorization: Bearer $CLEARANCE_KEY" -o image.jpg 'https://YOUR-CLEARANCE-HOST/v1/items/&lt;url-encoded id&gt;/download'</code></pre>
<p>Each item page shows the exact command for that image.</p>`,
};
