// Puts the page's own origin into the copyable curl command when the site and the API share an origin.
export function fillOrigin(): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-fill-origin]')) {
    el.textContent = (el.textContent ?? '').replace(el.dataset.fillOrigin ?? '', location.origin);
  }
}
