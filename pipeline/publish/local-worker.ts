// The tiny Worker the local back-end runs inside Miniflare: D1 batches, bucket listing, reads (text and bytes), uploads and deletes over HTTP.
// (Miniflare's binding proxy makes a blocking round trip per prepare/bind; one request per batch is faster and robust.)
export const LOCAL_WORKER = `
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const json = (v) => new Response(JSON.stringify(v), { headers: { 'content-type': 'application/json' } });
    try {
      if (url.pathname === '/batch') {
        const statements = await request.json();
        const results = await env.DB.batch(statements.map((s) => env.DB.prepare(s.sql).bind(...s.params)));
        return json(results.map((r) => r.results ?? []));
      }
      if (url.pathname === '/list') {
        const keys = [];
        let cursor;
        do {
          const page = await env.FILES.list({ limit: 1000, cursor });
          for (const o of page.objects) keys.push(o.key);
          cursor = page.truncated ? page.cursor : undefined;
        } while (cursor);
        return json(keys);
      }
      if (url.pathname === '/head') return json((await env.FILES.head(url.searchParams.get('key'))) !== null);
      if (url.pathname === '/get') {
        const obj = await env.FILES.get(url.searchParams.get('key'));
        return json(obj === null ? null : await obj.text());
      }
      if (url.pathname === '/bytes') {
        const obj = await env.FILES.get(url.searchParams.get('key'));
        return obj === null ? new Response('none', { status: 404 }) : new Response(obj.body);
      }
      if (url.pathname === '/delete') {
        await env.FILES.delete(url.searchParams.get('key'));
        return json(true);
      }
      if (url.pathname === '/put') {
        await env.FILES.put(url.searchParams.get('key'), await request.arrayBuffer(), { httpMetadata: { contentType: request.headers.get('content-type') } });
        return json(true);
      }
      return new Response('not found', { status: 404 });
    } catch (err) {
      return new Response(String(err && err.stack || err), { status: 500 });
    }
  },
};
`;
