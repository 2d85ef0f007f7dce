// The item page's larger preview (`files.preview`, WebP ≤ 1024 px): its URL and the box it is shown in.
import type { CatalogRecord } from '../../../pipeline/catalog/record.js';

const SIDE = 1024;

/** `/files/preview/…` when the build made a preview (outputs built before previews existed have none). */
export function previewUrl(r: Pick<CatalogRecord, 'files'>): string | undefined {
  const key = r.files.preview;
  return key ? `/files/${key.split('/').map(encodeURIComponent).join('/')}` : undefined;
}

/** The preview's pixel size (the original fitted inside 1024 px, never enlarged), shown at least 320 px wide. */
export function previewSize(r: Pick<CatalogRecord, 'width' | 'height'>): { width: number; height: number } {
  const scale = Math.min(1, SIDE / Math.max(r.width, r.height));
  const width = Math.max(320, Math.round(r.width * scale));
  return { width, height: Math.max(1, Math.round((width * r.height) / r.width)) };
}
