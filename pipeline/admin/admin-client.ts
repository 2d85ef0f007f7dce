// A small HTTP client for the Worker's /v1/admin API (Bearer ADMIN_TOKEN); errors become one-line CliErrors.
import { CliError } from '../util/cli-error.js';

export interface Plan {
  id: string;
  name: string;
  monthlyFeeMicros: number;
  monthlyDownloads: number;
  privateCollections: boolean;
}

export interface CreatedAccount {
  account: { id: string; email?: string; plan?: string };
  key: string;
}

export class AdminClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown, auth = `Bearer ${this.token}`): Promise<T> {
    const url = new URL(path, this.baseUrl).toString();
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new CliError(`cannot reach ${url} (${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}); is \`wrangler dev\` (npm start) running?`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const e = (json as { error?: { code?: string; message?: string } } | null)?.error;
      throw new CliError(`${method} ${path} → ${res.status}${e ? ` ${e.code}: ${e.message}` : ` ${text.slice(0, 200)}`}`);
    }
    return json as T;
  }

  /** Closes a month (default: the previous one); the summary ends with its reconciliation. */
  closeMonth(month?: string): Promise<{ reconciliation: { invoicesMatch: boolean; payoutsMatch: boolean } }> {
    return this.request('POST', '/v1/admin/billing/close', month ? { month } : {});
  }

  reconcile(month: string): Promise<{ invoicesMatch: boolean; payoutsMatch: boolean }> {
    return this.request('GET', `/v1/admin/billing/${encodeURIComponent(month)}/reconciliation`);
  }

  /** A closed month's export as the Worker sends it (the exact bytes). */
  async exportMonth(month: string, format: 'json' | 'csv', what: 'invoices' | 'payouts'): Promise<string> {
    const res = await fetch(new URL(`/v1/admin/billing/${encodeURIComponent(month)}?format=${format}&what=${what}`, this.baseUrl), { headers: { authorization: `Bearer ${this.token}` } }).catch((err: Error) => {
      throw new CliError(`cannot reach ${this.baseUrl} (${err.message}); is \`wrangler dev\` (npm start) running?`);
    });
    const text = await res.text();
    if (!res.ok) throw new CliError(`GET /v1/admin/billing/${month} → ${res.status} ${text.slice(0, 200)}`);
    return text;
  }

  createPlan(plan: Plan): Promise<unknown> {
    return this.request('POST', '/v1/admin/plans', plan);
  }

  listPlans(): Promise<unknown> {
    return this.request('GET', '/v1/admin/plans');
  }

  createAccount(email: string, plan: string): Promise<CreatedAccount> {
    return this.request('POST', '/v1/admin/accounts', { email, plan });
  }

  listAccounts(): Promise<{ accounts: { id: string; email: string; plan: string }[] }> {
    return this.request('GET', '/v1/admin/accounts');
  }

  showAccount(id: string): Promise<unknown> {
    return this.request('GET', `/v1/admin/accounts/${encodeURIComponent(id)}`);
  }

  setPlan(id: string, plan: string): Promise<unknown> {
    return this.request('PATCH', `/v1/admin/accounts/${encodeURIComponent(id)}`, { plan });
  }

  revokeRole(accountId: string, role: 'moderator' | 'rightsholder', rightsHolder?: string): Promise<unknown> {
    return this.request('DELETE', `/v1/admin/accounts/${encodeURIComponent(accountId)}/roles`, { role, ...(rightsHolder ? { rightsHolder } : {}) });
  }

  grantRole(accountId: string, role: 'moderator' | 'rightsholder', rightsHolder?: string): Promise<unknown> {
    return this.request('POST', `/v1/admin/accounts/${encodeURIComponent(accountId)}/roles`, { role, ...(rightsHolder ? { rightsHolder } : {}) });
  }

  createKey(accountId: string, name?: string): Promise<{ key: string }> {
    return this.request('POST', `/v1/admin/accounts/${encodeURIComponent(accountId)}/keys`, name ? { name } : {});
  }
}
