// A local stand-in for the Stripe API on 127.0.0.1 (nothing leaves the machine): just the endpoints the payments
// provider calls, with Stripe's request and response shapes (form-encoded bodies, prefixed ids, error objects,
// Idempotency-Key replays), plus /_fake/* controls for tests: recorded requests, stored objects, an invoice's payment
// outcome and signed webhook events (Stripe-Signature t=…,v1=… HMAC-SHA256), sent to a webhook URL when one is set.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Obj = Record<string, unknown>;

export interface FakeStripeOptions {
  secretKey: string;
  webhookSecret: string;
  /** Where events are POSTed as they happen (e.g. a `wrangler dev` Worker's /v1/payments/webhook); none: tests deliver them. */
  webhookUrl?: string;
}

export interface SignedEvent {
  id: string;
  payload: string;
  signature: string;
}

export interface FakeStripe {
  url: string;
  close(): Promise<void>;
}

/** Stripe-Signature for a payload at a time (seconds). */
export function stripeSignature(secret: string, payload: string, t = Math.floor(Date.now() / 1000)): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;
}

/** Parses Stripe's form encoding (a[b][0][c]=v) into nested objects and arrays. */
export function parseForm(body: string): Obj {
  const root: Obj = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.replace(/\]/g, '').split('[');
    let node: Obj = root;
    parts.forEach((p, i) => {
      if (i === parts.length - 1) node[p] = value;
      else node = (node[p] ??= /^\d+$/.test(parts[i + 1]!) ? [] : {}) as Obj;
    });
  }
  return root;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;
const now = () => Math.floor(Date.now() / 1000);

class StripeError extends Error {
  constructor(readonly status: number, readonly body: Obj) {
    super(String(body.message));
  }
}
const missing = (param: string) => new StripeError(400, { type: 'invalid_request_error', code: 'parameter_missing', param, message: `Missing required param: ${param}.` });
const noSuch = (what: string, param: string, value: unknown) => new StripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${what}: '${String(value)}'` });
const invalid = (param: string, message: string) => new StripeError(400, { type: 'invalid_request_error', code: 'parameter_invalid_integer', param, message });

export async function startFakeStripe(opts: FakeStripeOptions): Promise<FakeStripe> {
  const objects = new Map<string, Obj>();
  const idempotent = new Map<string, { params: string; status: number; body: string }>();
  const requests: Obj[] = [];
  const events: Obj[] = [];

  const get = (kind: string, param: string, v: unknown): Obj => {
    const o = typeof v === 'string' ? objects.get(v) : undefined;
    if (!o || o.object !== kind) throw noSuch(kind, param, v);
    return o;
  };
  const put = (o: Obj): Obj => (objects.set(String(o.id), o), o);
  const amount = (v: unknown, param: string): number => {
    if (v === undefined) throw missing(param);
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 0) throw invalid(param, `Invalid integer: ${String(v)}`);
    return n;
  };

  async function emit(type: string, object: Obj, t?: number): Promise<SignedEvent> {
    const event = { id: id('evt'), object: 'event', api_version: '2026-11-18.endive', created: now(), data: { object }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type };
    events.push(event);
    const payload = JSON.stringify(event);
    const signed = { id: event.id, payload, signature: stripeSignature(opts.webhookSecret, payload, t) };
    if (opts.webhookUrl) {
      await fetch(opts.webhookUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signed.signature }, body: payload }).catch(() => undefined);
    }
    return signed;
  }

  function api(method: string, path: string, p: Obj): Obj {
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/customers') {
      return put({ id: id('cus'), object: 'customer', created: now(), email: p.email ?? null, metadata: p.metadata ?? {}, livemode: false, balance: 0, currency: null });
    }
    if (method === 'POST' && path === '/v1/prices') {
      const pd = p.product_data as Obj | undefined;
      if (!p.product && !pd?.name) throw missing('product');
      const product = (p.product as string) ?? put({ id: id('prod'), object: 'product', name: pd!.name, active: true, created: now() }).id;
      if (!p.currency) throw missing('currency');
      return put({ id: id('price'), object: 'price', active: true, currency: p.currency, unit_amount: amount(p.unit_amount, 'unit_amount'), recurring: p.recurring ?? null, type: p.recurring ? 'recurring' : 'one_time', product, metadata: p.metadata ?? {}, livemode: false });
    }
    if (method === 'POST' && path === '/v1/subscriptions') {
      const customer = get('customer', 'customer', p.customer);
      const items = (p.items as Obj[] | undefined) ?? [];
      if (!items.length) throw missing('items');
      const data = items.map((it) => ({ id: id('si'), object: 'subscription_item', price: get('price', 'items[0][price]', it.price), quantity: 1 }));
      const anchor = p.billing_cycle_anchor === undefined ? now() : Number(p.billing_cycle_anchor);
      return put({
        id: id('sub'), object: 'subscription', customer: customer.id, status: 'active', billing_cycle_anchor: anchor, cancel_at_period_end: false,
        proration_behavior: p.proration_behavior ?? 'create_prorations', created: now(), items: { object: 'list', data, has_more: false, url: '/v1/subscription_items' },
        metadata: p.metadata ?? {}, livemode: false,
      });
    }
    if (method === 'POST' && (m = /^\/v1\/subscriptions\/([^/]+)$/.exec(path))) {
      const sub = get('subscription', 'id', m[1]);
      if (p.cancel_at_period_end !== undefined) sub.cancel_at_period_end = p.cancel_at_period_end === 'true';
      return sub;
    }
    if (method === 'POST' && path === '/v1/invoiceitems') {
      const customer = get('customer', 'customer', p.customer);
      if (!p.currency) throw missing('currency');
      return put({ id: id('ii'), object: 'invoiceitem', customer: customer.id, amount: amount(p.amount, 'amount'), currency: p.currency, description: p.description ?? null, metadata: p.metadata ?? {}, invoice: null, date: now(), livemode: false });
    }
    if (method === 'POST' && path === '/v1/invoices') {
      const customer = get('customer', 'customer', p.customer);
      const pending = [...objects.values()].filter((o) => o.object === 'invoiceitem' && o.customer === customer.id && o.invoice === null);
      const inv = put({
        id: id('in'), object: 'invoice', customer: customer.id, status: 'draft', collection_method: p.collection_method ?? 'charge_automatically', auto_advance: p.auto_advance === 'true',
        currency: pending[0]?.currency ?? 'usd', amount_due: 0, amount_paid: 0, metadata: p.metadata ?? {}, created: now(), livemode: false,
        lines: { object: 'list', data: [] as Obj[], has_more: false, url: '' },
      });
      if (p.pending_invoice_items_behavior === 'include') {
        for (const item of pending) item.invoice = inv.id;
        (inv.lines as { data: Obj[] }).data = pending.map((it) => ({ id: id('il'), object: 'line_item', amount: it.amount, currency: it.currency, description: it.description, metadata: it.metadata }));
        inv.amount_due = pending.reduce((a, it) => a + Number(it.amount), 0);
      }
      return inv;
    }
    if (method === 'POST' && (m = /^\/v1\/invoices\/([^/]+)\/finalize$/.exec(path))) {
      const inv = get('invoice', 'invoice', m[1]);
      if (inv.status !== 'draft') throw new StripeError(400, { type: 'invalid_request_error', code: 'invoice_not_editable', message: `This invoice is already finalized, you can't re-finalize a non-draft invoice.` });
      inv.status = inv.amount_due === 0 ? 'paid' : 'open';
      return inv;
    }
    if (method === 'POST' && path === '/v1/accounts') {
      return put({ id: id('acct'), object: 'account', type: p.type ?? 'standard', email: p.email ?? null, metadata: p.metadata ?? {}, capabilities: { transfers: 'active' }, charges_enabled: false, payouts_enabled: true, created: now() });
    }
    if (method === 'POST' && path === '/v1/transfers') {
      if (!p.destination) throw missing('destination');
      get('account', 'destination', p.destination);
      if (!p.currency) throw missing('currency');
      return put({ id: id('tr'), object: 'transfer', amount: amount(p.amount, 'amount'), currency: p.currency, destination: p.destination, transfer_group: p.transfer_group ?? null, metadata: p.metadata ?? {}, reversed: false, created: now(), livemode: false });
    }
    throw new StripeError(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path}).` });
  }

  async function control(method: string, path: string, body: Obj): Promise<[number, unknown]> {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/_fake/requests') return [200, requests];
    if (method === 'GET' && path === '/_fake/events') return [200, events];
    if (method === 'GET' && (m = /^\/_fake\/objects\/([^/]+)$/.exec(path))) return objects.has(m[1]!) ? [200, objects.get(m[1]!)] : [404, { error: 'no such object' }];
    if (method === 'GET' && (m = /^\/_fake\/list\/([a-z_]+)$/.exec(path))) return [200, [...objects.values()].filter((o) => o.object === m![1])];
    // The outcome of an open invoice's automatic payment: `paid` or `failed` (a declined card), with its signed event.
    if (method === 'POST' && (m = /^\/_fake\/invoices\/([^/]+)\/pay$/.exec(path))) {
      const inv = objects.get(m[1]!);
      if (inv?.object !== 'invoice') return [404, { error: 'no such invoice' }];
      if (body.outcome === 'failed') {
        inv.attempt_count = Number(inv.attempt_count ?? 0) + 1;
        return [200, await emit('invoice.payment_failed', { ...inv })];
      }
      inv.status = 'paid';
      inv.amount_paid = inv.amount_due;
      return [200, await emit('invoice.paid', { ...inv })];
    }
    // Any event, optionally signed at another time (seconds since the epoch: a stale replay).
    if (method === 'POST' && path === '/_fake/events') return [200, await emit(String(body.type), (body.object as Obj) ?? {}, body.t as number | undefined)];
    return [404, { error: 'unknown control' }];
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': id('req'), ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    try {
      if (url.pathname.startsWith('/_fake/')) {
        const [status, body] = await control(req.method ?? 'GET', url.pathname, raw ? (JSON.parse(raw) as Obj) : {});
        return send(status, body);
      }
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ')) return send(401, { error: { type: 'invalid_request_error', message: 'You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth.' } });
      if (auth.slice(7) !== opts.secretKey) return send(401, { error: { type: 'invalid_request_error', code: 'api_key_invalid', message: `Invalid API Key provided: ${auth.slice(7, 15)}***` } });
      if (req.method === 'POST' && !/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) return send(400, { error: { type: 'invalid_request_error', message: 'Invalid request: send application/x-www-form-urlencoded.' } });
      const params = parseForm(raw);
      const key = req.headers['idempotency-key'] as string | undefined;
      requests.push({ method: req.method, path: url.pathname, params, idempotencyKey: key ?? null, stripeVersion: req.headers['stripe-version'] ?? null, userAgent: req.headers['user-agent'] ?? null });
      if (key && idempotent.has(`${req.method} ${key}`)) {
        const prior = idempotent.get(`${req.method} ${key}`)!;
        if (prior.params !== raw) return send(400, { error: { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.` } });
        return send(prior.status, prior.body, { 'Idempotent-Replayed': 'true' });
      }
      let status = 200;
      let body: string;
      try {
        body = JSON.stringify(api(req.method ?? 'GET', url.pathname, params));
      } catch (err) {
        if (!(err instanceof StripeError)) throw err;
        status = err.status;
        body = JSON.stringify({ error: err.body });
      }
      if (key) idempotent.set(`${req.method} ${key}`, { params: raw, status, body });
      return send(status, body, key ? { 'Idempotency-Key': key } : {});
    } catch (err) {
      return send(500, { error: { type: 'api_error', message: err instanceof Error ? err.message : 'fake failure' } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
