// What the item page says about personal data in text: where it was found, and whether the pixels were read at all.
import type { Safety } from '../../../pipeline/catalog/record.js';

export function textWords(s: Pick<Safety, 'textPii' | 'textPiiSource' | 'pixelText'>): string {
  if (s.textPii) {
    if (s.textPiiSource === 'pixels') return 'May contain personal data in text visible in the image (read by OCR).';
    if (s.textPiiSource === 'metadata') return 'May contain personal data in its title, description or tags.';
    return 'May contain personal data in its text.';
  }
  if (s.pixelText === 'read') return 'No personal data found in its title, description, tags or the text read from the image (OCR can miss text).';
  if (s.pixelText === 'no-text') return 'No personal data found in its title, description or tags; no text was detected in the image.';
  return 'No personal data found in its title, description or tags; text in the image was not read.';
}
