// The search script's withdrawal check: one request per batch of hits, withdrawn ones dropped, no hit unchecked.
import { describe, expect, it } from 'vitest';
import { withoutWithdrawn, type HitData } from '../../../site/src/scripts/search.js';

const hit = (url: string): HitData => ({ url, meta: { title: url } });

function worker(answer: (url: URL) => Response) {
  const asked: URL[] = [];
  const fetchImpl = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://gallery.test');
    asked.push(url);
    return answer(url);
  }) as typeof fetch;
  return { asked, fetchImpl };
}

describe('withoutWithdrawn', () => {
  it('asks /v1/withdrawn once for the batch and drops the paths it names', async () => {
    const hits = [hit('/item/a/1/'), hit('/item/a/2/'), hit('https://elsewhere.example/item/a/3/')];
    const w = worker((url) => Response.json({ ids: [], paths: url.searchParams.getAll('path').filter((p) => p.endsWith('/2/') || p.endsWith('/3/')) }));
    expect(await withoutWithdrawn(hits, w.fetchImpl)).toEqual([hits[0]]);
    expect(w.asked).toHaveLength(1);
    expect(w.asked[0]!.pathname).toBe('/v1/withdrawn');
    expect(w.asked[0]!.searchParams.getAll('path')).toEqual(['/item/a/1/', '/item/a/2/', '/item/a/3/']);
  });

  it('asks nothing for no hits, and keeps every hit when no Worker serves the gallery (404)', async () => {
    const none = worker(() => Response.json({}));
    expect(await withoutWithdrawn([], none.fetchImpl)).toEqual([]);
    expect(none.asked).toHaveLength(0);
    const hits = [hit('/item/a/1/')];
    expect(await withoutWithdrawn(hits, worker(() => new Response('not found', { status: 404 })).fetchImpl)).toEqual(hits);
  });

  it('fails rather than show unchecked hits when the check fails', async () => {
    await expect(withoutWithdrawn([hit('/item/a/1/')], worker(() => new Response('busy', { status: 503 })).fetchImpl)).rejects.toThrow('HTTP 503');
    await expect(withoutWithdrawn([hit('/item/a/1/')], worker(() => { throw new TypeError('network'); }).fetchImpl)).rejects.toThrow('network');
  });
});
