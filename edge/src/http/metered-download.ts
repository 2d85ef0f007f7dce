// The metered download of an original: the R2 read runs side by side with one atomic D1 charge batch; when the
// item's storage facts are cached in the isolate, that is the only D1 round trip on the request's critical path.
import type { Context } from 'hono';
import type { AppEnv } from '../types/env.js';
import { downloadContext, type Credential } from '../services/download-context.js';
import { priceRefusal, spendCapRefusal } from '../services/download-refusals.js';
import { chargeDownload, refundDownload, type ChargeOutcome } from '../services/downloads.js';
import { ApiError } from '../services/errors.js';
import { objectHeaders, parseRange, readObject, type ByteRange } from '../services/files.js';
import { dropFacts, getFacts, sameFacts, setFacts, type ItemFacts } from '../services/item-facts.js';
import { withdrawnError } from '../services/items.js';
import { looksLikeKey } from '../services/keys.js';
import { secondsUntilNextMonth } from '../services/months.js';
import { errorResponse } from './errors.js';
import { touchLater } from './auth.js';

const badKey = (cred: Credential, revoked: boolean) =>
  'apiKey' in cred
    ? new ApiError(401, 'unauthorized', revoked ? 'API key revoked' : 'invalid API key', { 'WWW-Authenticate': 'Bearer realm="clearance"' })
    : new ApiError(403, 'bad_signature', 'the key behind this signed URL was revoked');

/** The range for cached facts, or undefined when it is unsatisfiable (then the slow path orders the errors). */
function rangeFor(header: string | undefined, bytes: number): ByteRange | null | undefined {
  try {
    return parseRange(header, bytes);
  } catch {
    return undefined;
  }
}

/**
 * GET or HEAD /v1/items/:id/download for a credential already parsed (a signed URL's signature already verified).
 * `maxPriceMicros`: the most the item may cost (a signed URL's price, or the caller's own bound); null for none.
 */
export async function meteredDownload(c: Context<AppEnv>, cred: Credential, id: string, maxPriceMicros: number | null = null): Promise<Response> {
  const now = new Date();
  const terms: Terms = { maxPriceMicros, now };
  // One D1 round trip before the body for a GET whose credential is a verified signature or has the syntax of one of
  // our keys (so an arbitrary unauthenticated request never starts an R2 read nor a write batch): with cached facts
  // the R2 read runs beside the charge batch; without them (and no Range) the batch returns the facts, then R2 is read.
  const plausible = !('apiKey' in cred) || looksLikeKey(cred.apiKey);
  if (c.req.method === 'GET' && plausible) {
    const cached = getFacts(id);
    if (!cached && c.req.header('Range') === undefined) return deliver(c, cred, id, undefined, null, terms);
    const range = cached ? rangeFor(c.req.header('Range'), cached.bytes) : undefined;
    if (cached && range !== undefined) return deliver(c, cred, id, cached, range, terms);
  }

  // Otherwise (HEAD, a malformed key, a Range without cached facts or unsatisfiable for them): key and item first,
  // so the errors keep their order (401, 404, 451, 416) and nothing is charged before the range is known to be good.
  const ctx = await downloadContext(c.env.DB, cred, id);
  if (!ctx.caller) throw badKey(cred, ctx.revoked);
  touchLater(c, ctx.caller.keyId, ctx.lastUsedAt);
  const { item } = ctx;
  if (!item) throw new ApiError(404, 'not_found', 'item not found');
  if (item.status !== 'live') throw withdrawnError();
  setFacts(id, item);
  if (c.req.method === 'HEAD') {
    // Metadata only: nothing is read from R2's body and nothing is charged (so no limit applies: price, cap and quota
    // are the GET's to check, in its charge batch, where a repeat of a paid download is told apart).
    const head = await c.env.FILES.head(item.originalKey);
    if (!head) throw new ApiError(502, 'storage_unavailable', 'the file is missing from storage');
    return new Response(null, { headers: { 'Content-Type': item.contentType, 'Content-Length': String(head.size), ETag: head.httpEtag, 'Accept-Ranges': 'bytes' } });
  }
  return deliver(c, cred, id, item, parseRange(c.req.header('Range'), item.bytes), terms, true);
}

interface Terms {
  maxPriceMicros: number | null;
  now: Date;
}

/**
 * Reads from R2 while the charge batch runs (when the facts are known; otherwise the read follows the batch, which
 * returns them); answers with the body only when the batch says the caller may have it.
 */
async function deliver(
  c: Context<AppEnv>, cred: Credential, id: string, facts: ItemFacts | undefined, range: ByteRange | null, terms: Terms, touched = false,
): Promise<Response> {
  const { now } = terms;
  const requestId = c.var.requestId;
  const t0 = performance.now();
  const timed = <T>(p: Promise<T>, name: string) => p.finally(() => timings.push(`${name};dur=${(performance.now() - t0).toFixed(1)}`));
  const timings: string[] = [];
  const [read, charge] = await Promise.allSettled([
    facts ? timed(readObject(c.env.FILES, facts.originalKey, range), 'r2') : Promise.resolve(null),
    timed(chargeDownload(c.env.DB, cred, id, requestId, now, terms.maxPriceMicros), 'd1'),
  ]);
  const cancel = async () => {
    if (read.status === 'fulfilled') await read.value?.body.cancel();
  };
  if (charge.status === 'rejected') {
    await cancel();
    throw charge.reason;
  }
  const outcome: ChargeOutcome = charge.value;
  if (outcome.kind === 'bad_key') {
    await cancel();
    throw badKey(cred, outcome.revoked);
  }
  if (!touched) touchLater(c, outcome.key.keyId, outcome.key.lastUsedAt);
  if (outcome.kind !== 'charged' && outcome.kind !== 'repeat') {
    // Refused: nothing was charged (the batch inserted no ledger row).
    await cancel();
    if (outcome.kind === 'unknown_item') {
      dropFacts(id);
      throw new ApiError(404, 'not_found', 'item not found');
    }
    if (outcome.kind === 'withdrawn') throw withdrawnError();
    if (outcome.kind === 'price') throw priceRefusal(cred, outcome.priceMicros, outcome.maxPriceMicros);
    if (outcome.kind === 'spend_cap') throw spendCapRefusal(outcome, now);
    const retry = String(secondsUntilNextMonth(now));
    return errorResponse(c, 429, 'quota_exceeded', `monthly download quota reached for ${outcome.month}`, { 'Retry-After': retry });
  }
  const refund = async () => {
    if (outcome.kind === 'charged') await refundDownload(c.env.DB, requestId);
  };
  let obj: R2ObjectBody;
  if (!facts || !sameFacts(outcome.item, facts)) {
    // Facts not known before the batch, or stale (the item was re-published with another file): read the current file.
    await cancel();
    setFacts(id, outcome.item);
    facts = outcome.item;
    try {
      range = parseRange(c.req.header('Range'), facts.bytes);
      obj = await timed(readObject(c.env.FILES, facts.originalKey, range), 'r2-after');
    } catch (err) {
      await refund();
      throw err;
    }
  } else if (read.status === 'rejected') {
    await refund();
    throw read.reason;
  } else {
    obj = read.value!;
  }
  const headers = objectHeaders(obj, facts.contentType, range !== null);
  headers.set('Cache-Control', 'private, no-store');
  headers.set('Content-Disposition', `attachment; filename="${facts.sha256}"`);
  headers.set('Server-Timing', timings.join(', ')); // ms since the batch started: when D1 and R2 answered
  headers.set('X-Charged-Micros', String(outcome.kind === 'charged' ? outcome.priceMicros + outcome.feeMicros : 0));
  return new Response(obj.body, { status: range ? 206 : 200, headers });
}
