// Test support for withdrawn items: mark an item withdrawn as the console or publish does, and run the Worker over a
// set of static assets (the pool's own ASSETS binding serves site/dist, which edge tests cannot write).
import { env } from 'cloudflare:workers';
import { fetchWorker } from './helpers.js';

/** items.status = 'withdrawn', as the moderation batch and publish's release withdrawals write it. */
export async function withdraw(itemId: string, at = '2026-11-25T10:00:00.000Z', by = 'moderator'): Promise<void> {
  await env.DB.prepare("UPDATE items SET status = 'withdrawn', withdrawn_by = ?, withdrawn_reason = 'flag:privacy: a private note', withdrawn_at = ?, updated_at = ? WHERE id = ?")
    .bind(by, at, at, itemId)
    .run();
}

/**
 * A stand-in for the assets binding over `files` (path → HTML), answering as Workers static assets do: 200 with an
 * ETag, 304 for a matching If-None-Match, 307 to add a folder's trailing slash, 404 otherwise. `requests` logs them.
 */
export function assets(files: Record<string, string>) {
  const requests: Request[] = [];
  const fetcher = {
    async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      const req = new Request(input, init);
      requests.push(req);
      const path = new URL(req.url).pathname;
      if (!path.endsWith('/') && files[`${path}/`] !== undefined) return new Response(null, { status: 307, headers: { Location: `${path}/` } });
      const body = files[path];
      if (body === undefined) return new Response('<!doctype html><title>Not found</title>', { status: 404, headers: { 'Content-Type': 'text/html' } });
      const etag = `"${body.length.toString(16)}-${path.length}"`;
      const headers = { 'Content-Type': 'text/html', ETag: etag, 'Cache-Control': 'public, max-age=0, must-revalidate' };
      if (req.headers.get('If-None-Match') === etag) return new Response(null, { status: 304, headers });
      return new Response(req.method === 'HEAD' ? null : body, { headers: { ...headers, 'Content-Length': String(new TextEncoder().encode(body).length) } });
    },
  };
  return { requests, fetcher: fetcher as unknown as Fetcher };
}

/** The Worker with the real bindings, except ASSETS. */
export function callWithAssets(assetsBinding: Fetcher, path: string, init: RequestInit = {}): Promise<Response> {
  return fetchWorker(new Request(`http://edge.test${path}`, init), { ...env, ASSETS: assetsBinding });
}
