// MIME type and image format of a published file from its key's extension.
const TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif',
  tif: 'image/tiff', tiff: 'image/tiff', avif: 'image/avif', json: 'application/json',
};

export function contentTypeFor(key: string): string {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return TYPES[ext] ?? 'application/octet-stream';
}

const FORMATS: Record<string, string> = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', webp: 'webp', gif: 'gif', tif: 'tiff', tiff: 'tiff', avif: 'avif' };

/** The image format (catalogue `ImageFormat` names: jpeg, png, …) of a published file, or null when not an image. */
export function formatFor(key: string): string | null {
  return FORMATS[key.slice(key.lastIndexOf('.') + 1).toLowerCase()] ?? null;
}
