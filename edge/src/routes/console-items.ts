// Console: withdraw a live item directly — look it up by id, then confirm with a reason.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { withdrawPage, type WithdrawOptions } from '../console/withdraw-page.js';
import { items } from '../db/schema.js';
import type { ConsoleEnv } from '../http/console-guard.js';
import { viewerOf } from '../http/console-page.js';
import { readForm } from '../http/form.js';
import { ApiError } from '../services/errors.js';
import { withdrawItem } from '../services/moderation.js';

export const consoleItemRoutes = new Hono<ConsoleEnv>();

const ItemId = z.string().trim().min(1).max(300);
const WithdrawForm = z.object({
  itemId: ItemId,
  reason: z.string().trim().min(1, 'a reason is required').max(1000, 'at most 1,000 characters'),
});

async function lookUp(c: Context<ConsoleEnv>, id: string | undefined): Promise<WithdrawOptions['item']> {
  if (id === undefined) return undefined;
  const row = await c.var.db.select().from(items).where(eq(items.id, id)).get();
  return row ?? null;
}

async function show(c: Context<ConsoleEnv>, status: 200 | 400 | 404 | 409, p: Omit<WithdrawOptions, 'viewer' | 'item'>) {
  return c.html(withdrawPage({ ...p, viewer: viewerOf(c.var.session), item: await lookUp(c, p.query) }), status);
}

consoleItemRoutes.get('/console/withdraw', async (c) => {
  const typed = c.req.query('item');
  const withdrawn = ItemId.safeParse(c.req.query('withdrawn'));
  if (withdrawn.success) return show(c, 200, { notice: `Withdrawn: ${withdrawn.data}. Downloads are refused from now on.` });
  if (typed === undefined || typed.trim() === '') return show(c, 200, {});
  const id = ItemId.safeParse(typed);
  if (!id.success) return show(c, 400, { error: 'That item id is too long.' });
  return show(c, 200, { query: id.data });
});

consoleItemRoutes.post('/console/withdraw', async (c) => {
  const fields = await readForm(c);
  const form = WithdrawForm.safeParse(fields);
  const query = ItemId.safeParse(fields.itemId).data;
  if (!form.success) return show(c, 400, { query, reason: fields.reason, error: form.error.issues[0]!.message });
  try {
    await withdrawItem(c.var.db, c.env, c.var.session.accountId, form.data.itemId, form.data.reason);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 409)) {
      return show(c, err.status, { query, reason: fields.reason, error: `Not withdrawn: ${err.message}.` });
    }
    throw err;
  }
  return c.redirect(`/console/withdraw?withdrawn=${encodeURIComponent(form.data.itemId)}`, 303);
});
