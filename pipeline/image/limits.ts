// Documented limits of the image stage (pipeline/README.md, "Image stage": the image.* reasons): sizes, pixel counts, network time-outs.
export const LIMITS = {
  /** Shortest side below this is `image.too-small` (too small to be useful for training or the gallery). */
  minSide: 64,
  /** Declared width × height above this is `image.too-large` (checked from the header before decoding). */
  maxPixels: 100_000_000,
  /** Longest side above this is `image.too-large`. */
  maxSide: 30_000,
  /** Files (local or downloaded) larger than this are `image.too-large`. */
  maxBytes: 200 * 1024 * 1024,
  /** Whole-request time-out for http(s) images. */
  fetchTimeoutMs: 20_000,
  /** libvips gives up a decode or re-encode after this long (sharp's timeout): native work cannot outlive an item for long. */
  decodeTimeoutSeconds: 45,
  /** Thumbnail long side (WebP); the placeholder (≤ 8 px PNG data: URL) is in placeholder.ts. */
  thumbSide: 256,
} as const;

/** Formats the pipeline publishes; anything else that decodes (SVG, HEIF, PDF, …) is `image.unsupported`. */
export const SUPPORTED_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif'] as const;
