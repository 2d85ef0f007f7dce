// Console: rights holders — pending ownership claims verified or rejected with a note, holders revoked or reinstated.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { holdersPage } from '../console/holders-page.js';
import type { ConsoleEnv } from '../http/console-guard.js';
import { viewerOf } from '../http/console-page.js';
import { readForm } from '../http/form.js';
import { ApiError } from '../services/errors.js';
import { decideClaim, listHolders, pendingClaims, setHolderStatus } from '../services/holders.js';

export const consoleHolderRoutes = new Hono<ConsoleEnv>();

const Note = z.string().trim().min(1, 'a note is required').max(1000, 'at most 1,000 characters');
const ClaimDecision = z.object({ action: z.enum(['verify', 'reject']), note: Note });
const StatusChange = z.object({ status: z.enum(['revoked', 'verified']), note: Note });

async function show(c: Context<ConsoleEnv>, status: 200 | 400 | 404 | 409, msg: { notice?: string; error?: string } = {}) {
  const [claims, holders] = await Promise.all([pendingClaims(c.var.db), listHolders(c.var.db)]);
  return c.html(holdersPage({ viewer: viewerOf(c.var.session), claims, holders, ...msg }), status);
}

async function orRefusal(c: Context<ConsoleEnv>, work: () => Promise<string>): Promise<Response> {
  try {
    return c.redirect(`/console/holders?done=${encodeURIComponent(await work())}`, 303);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 409)) return show(c, err.status, { error: err.message });
    throw err;
  }
}

consoleHolderRoutes.get('/console/holders', (c) => show(c, 200, c.req.query('done') ? { notice: c.req.query('done')!.slice(0, 200) } : {}));

consoleHolderRoutes.post('/console/claims/:id/decision', async (c) => {
  const form = ClaimDecision.safeParse(await readForm(c));
  if (!form.success) return show(c, 400, { error: form.error.issues[0]!.message });
  return orRefusal(c, async () => {
    const claim = await decideClaim(c.var.db, c.req.param('id'), form.data.action === 'verify' ? 'verified' : 'rejected', c.var.session.accountId, form.data.note);
    return `Claim ${claim.status}: ${claim.subject}`;
  });
});

consoleHolderRoutes.post('/console/holders/:id/status', async (c) => {
  const form = StatusChange.safeParse(await readForm(c));
  if (!form.success) return show(c, 400, { error: form.error.issues[0]!.message });
  return orRefusal(c, async () => {
    const h = await setHolderStatus(c.var.db, c.req.param('id'), form.data.status, c.var.session.accountId, form.data.note);
    return `${h.name} is now ${h.status}`;
  });
});
