// About: what "cleared" means — the licence policy, every opt-out honoured, safety scores — in plain words.
import type { PageContent } from '../layouts/page.js';
import { html } from '../render/html.js';

export const aboutPage: PageContent = {
  title: 'What “cleared” means',
  main: html`<h1>What “cleared” means</h1>
<p>Every image in this catalogue passed three checks on the day its release was built. If any check fails, or if we
are not sure, the image is left out.</p>

<h2>1. The rights are clear</h2>
<p>We accept only three kinds of work:</p>
<ul>
  <li><strong>CC0</strong>: the rights holder dedicated the work to the public domain.</li>
  <li><strong>Public Domain Mark</strong>: an institution marked the work as free of known copyright.</li>
  <li><strong>Opt-in</strong>: a rights holder we verified offered the work for AI training, at a price they set.</li>
</ul>
<p>Licences that ask for attribution, forbid commercial use or changes, or require sharing alike (CC BY, BY-NC, BY-ND,
BY-SA), “all rights reserved” and anything we cannot recognise are rejected. A work with no licence statement is
never treated as public domain, however old it is. When the source, the file’s own metadata and the record disagree,
or when only a third party says a work is free, a person reviews it before it can appear here. Every item page shows
the evidence: what each source stated, how we read it, and who made the claim.</p>

<h2>2. Every opt-out is honoured</h2>
<p>A work is left out when any of these says no to AI training or text-and-data mining:</p>
<ul>
  <li>the public opt-out registry (an exact address, a whole domain, or the image’s fingerprint);</li>
  <li>the site’s <code>ai.txt</code> or its TDM reservation (<code>/.well-known/tdmrep.json</code>);</li>
  <li>a <code>noai</code> robots header on the image or its page;</li>
  <li>a reservation written into the image file itself (IPTC, XMP or C2PA metadata);</li>
  <li>a withdrawal by the rights holder (see <a href="/about/opt-out/">how to opt out or withdraw</a>).</li>
</ul>

<h2>3. It is scored for safety</h2>
<p>Automatic models estimate how likely an image is to show nudity and whether it shows faces. The gallery hides
images above your safety setting (strict by default) and can hide every image with people. The models can be wrong:
<a href="/search/">if you find something that should not be here</a>, use “Report this image” on its page.</p>`,
};
