// The one safety threshold control (range 0..1 plus "hide people"), disabled until its script runs.
import { DEFAULT_THRESHOLD } from '../lib/config.js';
import { attr, html, type Html } from '../render/html.js';

/** `script`: the URL of the bundle that enables the control (site/generator/client-assets.ts). */
export function safetyControl(script: string): Html {
  return html`<fieldset class="safety" data-safety-form${attr('data-default', DEFAULT_THRESHOLD)} disabled>
<legend class="skip">Safety filter</legend>
<label for="safety-threshold">Hide nudity above</label>
<input id="safety-threshold" data-testid="safety-threshold" type="range" min="0" max="1" step="0.05"${attr('value', DEFAULT_THRESHOLD)} aria-describedby="safety-status">
<output for="safety-threshold" data-safety-value>${DEFAULT_THRESHOLD.toFixed(2)}</output>
<label><input type="checkbox" data-testid="safety-hide-faces" data-safety-faces> Hide images with people</label>
<p id="safety-status" data-safety-status aria-live="polite"></p>
</fieldset>
<script type="module"${attr('src', script)}></script>`;
}
