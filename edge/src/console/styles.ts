// The console's stylesheet and icon (served by the Worker, so the CSP needs no inline styles): readable on a phone, visible focus.
const CSS = `:root{--fg:#1a1a1a;--bg:#fff;--muted:#4a4a4a;--accent:#0b57d0;--line:#d0d0d0;--warn:#8a1c00;--ok:#0a6b2e;font-family:system-ui,sans-serif;color:var(--fg);background:var(--bg);line-height:1.5}
*,*::before,*::after{box-sizing:border-box}
body{margin:0}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible,main:focus-visible{outline:3px solid #e8a400;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px;z-index:9}
header{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding:.75rem 1rem;border-bottom:1px solid var(--line)}
header .brand{font-weight:700;font-size:1.15rem;text-decoration:none;color:var(--fg)}
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
nav [aria-current]{font-weight:700}
.who{margin-left:auto;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;font-size:.9rem;color:var(--muted);overflow-wrap:anywhere}
main{padding:1rem;max-width:90rem;margin:0 auto}
h1{font-size:1.5rem;margin:.25rem 0 1rem;overflow-wrap:anywhere}
h2{font-size:1.15rem;margin:1.25rem 0 .5rem}
button{font:inherit;padding:.4rem .9rem;border:1px solid var(--fg);border-radius:4px;background:#f4f4f4;color:var(--fg);cursor:pointer}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
button.danger{background:var(--warn);border-color:var(--warn);color:#fff}
input,select,textarea{font:inherit;max-width:100%;padding:.3rem;border:1px solid var(--muted);border-radius:4px}
textarea{width:100%;min-height:4.5rem}
input[type=password],input[name=item]{width:100%;max-width:36rem}
label{font-weight:600}
.field{display:flex;flex-direction:column;gap:.25rem;margin:.5rem 0}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin-bottom:1rem}
.filters .field{margin:0}
.queue{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
.card{display:flex;gap:.75rem;align-items:flex-start;border:1px solid var(--line);border-radius:6px;padding:.6rem}
.card .body{min-width:0;flex:1}
.card .title{font-weight:600;overflow-wrap:anywhere}
.card p{margin:.15rem 0;font-size:.9rem;color:var(--muted);overflow-wrap:anywhere}
.thumb{flex:none;width:96px;height:96px;object-fit:contain;background:#eee;border-radius:4px}
.thumb.none{display:flex;align-items:center;justify-content:center;font-size:.75rem;color:var(--muted);text-align:center}
.big{width:100%;max-width:320px;height:auto;aspect-ratio:auto;background:#eee;border-radius:4px}
.code{font-family:ui-monospace,monospace;font-size:.9em;overflow-wrap:anywhere}
.side{display:grid;gap:1.5rem;grid-template-columns:minmax(0,1fr)}
.matches{list-style:none;padding:0}.matches>li{display:flex;gap:1rem;align-items:flex-start;margin:1rem 0}
@media (min-width:60rem){.side{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}}
dl{display:grid;grid-template-columns:minmax(0,max-content) minmax(0,1fr);gap:.25rem 1rem;margin:0}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere;min-width:0}
@media (max-width:30rem){dl{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:.4rem}}
pre{background:#f3f3f3;padding:.75rem;overflow:auto;max-height:40rem;white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font-size:.85rem}
.reasons{padding-left:1.25rem;margin:.25rem 0}
.notice{border-left:4px solid var(--accent);padding:.5rem 1rem;background:#f1f5fd;margin:0 0 1rem;overflow-wrap:anywhere}
.notice.error{border-left-color:var(--warn);background:#fdf1ee}
.notice.ok{border-left-color:var(--ok);background:#eef8f1}
.err{color:var(--warn);font-weight:600;margin:0}
fieldset{border:1px solid var(--line);border-radius:6px;margin:0 0 1rem;padding:.5rem 1rem 1rem;min-width:0}
legend{font-weight:700;padding:0 .25rem}
.choices{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem}.choices label{font-weight:400}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.5rem}
.pager{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}
table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:600}
th,td{text-align:left;vertical-align:top;padding:.35rem .75rem .35rem 0;border-bottom:1px solid var(--line);overflow-wrap:anywhere}
@media (max-width:40rem){table,thead,tbody,tr,th,td{display:block}thead{position:absolute;left:-999px}tr{border-bottom:1px solid var(--line);padding:.4rem 0}td{border:0;padding:.1rem 0}td[data-label]::before{content:attr(data-label) ": ";font-weight:600}}
`;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

export const STYLESHEET = CSS;

/** The console's icon (so browsers do not ask the gallery for a favicon it does not have). */
export const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b57d0"/><path d="M8 17l5 5 11-12" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
export const ICON_PATH = `/console/icon.svg?v=${fnv1a(ICON)}`;
/** Versioned by content, so it can be cached for good. */
export const STYLESHEET_PATH = `/console/console.css?v=${fnv1a(CSS)}`;
