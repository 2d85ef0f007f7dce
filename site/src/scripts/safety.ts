// Client side of the safety threshold: stores the setting in localStorage and hides or blurs marked elements.
const KEY = 'clearance.safety';

export interface SafetyPrefs {
  threshold: number;
  hideFaces: boolean;
}

let prefs: SafetyPrefs = { threshold: 0.2, hideFaces: false };

function read(def: number): SafetyPrefs {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<SafetyPrefs> | null;
    const t = Number(raw?.threshold);
    return { threshold: Number.isFinite(t) && t >= 0 && t <= 1 ? t : def, hideFaces: raw?.hideFaces === true };
  } catch {
    return { threshold: def, hideFaces: false };
  }
}

const num = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));

/** True when the element's scores are above the current setting. */
function isHidden(el: HTMLElement, p: SafetyPrefs = prefs): boolean {
  const nsfw = num(el.dataset.nsfw);
  const faces = num(el.dataset.faces);
  return (nsfw !== null && nsfw > p.threshold) || (p.hideFaces && faces !== null && faces >= 1);
}

/** Applies the setting to every `[data-safety]` element: `hide` ones get `hidden`, `blur` ones a blur. */
export function applySafety(root: ParentNode = document): void {
  let hidden = 0;
  for (const el of root.querySelectorAll<HTMLElement>('[data-safety]')) {
    const over = isHidden(el);
    if (el.dataset.safety === 'blur') {
      const blur = over && el.dataset.revealed !== 'true';
      el.classList.toggle('blurred', blur);
      const button = el.querySelector<HTMLButtonElement>('[data-reveal]');
      if (button) button.hidden = !blur;
    } else {
      el.hidden = over;
    }
    if (over) hidden++;
  }
  for (const status of document.querySelectorAll<HTMLElement>('[data-safety-status]')) {
    status.textContent = hidden ? `${hidden} image${hidden === 1 ? '' : 's'} hidden by your safety setting.` : '';
  }
}

export function initSafety(): void {
  const form = document.querySelector<HTMLFieldSetElement>('[data-safety-form]');
  const def = Number(form?.dataset.default ?? 0.2);
  prefs = read(def);
  const range = form?.querySelector<HTMLInputElement>('input[type=range]');
  const faces = form?.querySelector<HTMLInputElement>('[data-safety-faces]');
  const value = form?.querySelector<HTMLOutputElement>('[data-safety-value]');
  const update = (): void => {
    prefs = { threshold: Number(range?.value ?? def), hideFaces: faces?.checked ?? false };
    if (value) value.textContent = prefs.threshold.toFixed(2);
    try {
      localStorage.setItem(KEY, JSON.stringify(prefs));
    } catch {
      /* private mode: the setting lasts for this page only */
    }
    applySafety();
  };
  if (range) range.value = String(prefs.threshold);
  if (faces) faces.checked = prefs.hideFaces;
  if (value) value.textContent = prefs.threshold.toFixed(2);
  range?.addEventListener('input', update);
  range?.addEventListener('change', update);
  faces?.addEventListener('change', update);
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-reveal]')) {
    button.addEventListener('click', () => {
      const media = button.closest<HTMLElement>('[data-safety]');
      if (media) media.dataset.revealed = 'true';
      applySafety();
    });
  }
  applySafety();
  if (form) form.disabled = false;
}
