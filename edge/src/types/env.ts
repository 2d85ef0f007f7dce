// Types of the Worker's bindings and per-request variables shared by routes and middleware.
import type { DrizzleD1Database } from 'drizzle-orm/d1';
import type * as schema from '../db/schema.js';

/** Bindings from wrangler.toml: the generated Env (vars, storage, and the secrets it requires), plus the payments
 *  provider's secrets, needed only with PAYMENTS_PROVIDER=stripe. */
export type Bindings = Env & { STRIPE_SECRET_KEY?: string; STRIPE_WEBHOOK_SECRET?: string };

export type Db = DrizzleD1Database<typeof schema>;

export interface Caller {
  accountId: string;
  planId: string;
  keyId: string;
  keyPrefix: string;
  /** 'key' for Authorization: Bearer, 'signed' for a signed manifest URL. */
  via: 'key' | 'signed';
  /** Last recorded use of the key, when known. */
  lastUsedAt?: string | null;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: { db: Db; caller: Caller; requestId: string };
}
