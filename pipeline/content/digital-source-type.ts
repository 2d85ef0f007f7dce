// IPTC Digital Source Type vocabulary: which values say an image was made (wholly or partly) by a generative model.

/** The IPTC NewsCodes scheme the values belong to (XMP and C2PA both use these IRIs). */
export const DIGITAL_SOURCE_TYPE_SCHEME = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

/** Values that mean generated content: pure generation, or a composite that includes generated parts. */
export const AI_GENERATED_TYPES = ['trainedAlgorithmicMedia', 'compositeSynthetic', 'algorithmicMedia', 'compositeWithTrainedAlgorithmicMedia'] as const;

const PREFIXES = [DIGITAL_SOURCE_TYPE_SCHEME, 'https://cv.iptc.org/newscodes/digitalsourcetype/', 'digsrctype:'];
const BY_LOWER = new Map(AI_GENERATED_TYPES.map((t) => [t.toLowerCase(), t]));

/** The vocabulary term of a value written as the full IRI, the `digsrctype:` QCode or the bare term, else undefined. */
export function digitalSourceTerm(value: string): string | undefined {
  const v = value.trim();
  const lower = v.toLowerCase();
  for (const p of PREFIXES) if (lower.startsWith(p)) return v.slice(p.length).replace(/\/+$/, '') || undefined;
  return /^[A-Za-z]+$/.test(v) ? v : undefined;
}

/** The AI-generated term a value names (canonical spelling), or undefined for any other value (e.g. digitalCapture). */
export function aiGeneratedType(value: string): string | undefined {
  const term = digitalSourceTerm(value);
  return term === undefined ? undefined : BY_LOWER.get(term.toLowerCase());
}
