// Console: rights holders' claims of catalogued items found by "Find my works" — the list, one claim side by side with
// the item, and the decision (approve withdraws the item; reject closes the claim), each with a moderator's note.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { matchClaimPage, matchClaimsPage } from '../console/find-claims-page.js';
import type { ConsoleEnv } from '../http/console-guard.js';
import { viewerOf } from '../http/console-page.js';
import { readForm } from '../http/form.js';
import { ApiError } from '../services/errors.js';
import { decideMatchClaim, matchClaim, pendingMatchClaims } from '../services/find-claims.js';

export const consoleFindRoutes = new Hono<ConsoleEnv>();

const Decision = z.object({ action: z.enum(['approve', 'reject'], 'choose approve or reject'), note: z.string().trim().min(1, 'a note is required').max(1000, 'at most 1,000 characters') });

async function showOne(c: Context<ConsoleEnv>, status: 200 | 400 | 409, error?: string) {
  return c.html(matchClaimPage({ viewer: viewerOf(c.var.session), c: await matchClaim(c.var.db, c.req.param('id')!), error }), status);
}

consoleFindRoutes.get('/console/matches', async (c) =>
  c.html(matchClaimsPage({ viewer: viewerOf(c.var.session), claims: await pendingMatchClaims(c.var.db), notice: c.req.query('done')?.slice(0, 300) })),
);

consoleFindRoutes.get('/console/matches/:id', (c) => showOne(c, 200));

consoleFindRoutes.post('/console/matches/:id/decision', async (c) => {
  const form = Decision.safeParse(await readForm(c));
  if (!form.success) return showOne(c, 400, form.error.issues[0]!.message);
  try {
    const { claim, withdrawn } = await decideMatchClaim(c.var.db, c.env, c.var.session.accountId, c.req.param('id'), form.data.action, form.data.note);
    const done = claim.status === 'verified' ? `Claim approved: ${claim.itemId} ${withdrawn ? 'withdrawn' : 'was already withdrawn'}.` : `Claim rejected: ${claim.itemId} stays.`;
    return c.redirect(`/console/matches?done=${encodeURIComponent(done)}`, 303);
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) return showOne(c, 409, err.message);
    throw err;
  }
});
