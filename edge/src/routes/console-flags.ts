// Console: the open flags and their decisions (dismiss, or withdraw the item), each with a note.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { flagsPage } from '../console/flags-page.js';
import type { ConsoleEnv } from '../http/console-guard.js';
import { viewerOf } from '../http/console-page.js';
import { readForm } from '../http/form.js';
import { ApiError, notFound } from '../services/errors.js';
import { listFlags } from '../services/flags.js';
import { decideFlag } from '../services/moderation.js';

export const consoleFlagRoutes = new Hono<ConsoleEnv>();

const FlagForm = z.object({
  action: z.enum(['dismiss', 'withdraw'], { error: 'choose Dismiss or Withdraw' }),
  note: z.string().trim().min(1, 'a note is required: say what you decided and why').max(2000, 'at most 2,000 characters'),
});
const DONE: Record<string, string> = { dismissed: 'Flag dismissed.', withdrawn: 'Item withdrawn: downloads are refused from now on.' };

async function showFlags(c: Context<ConsoleEnv>, status: 200 | 400 | 404 | 409, error?: { flagId: string; message: string; note?: string | undefined }) {
  const flags = await listFlags(c.var.db, 'open', 200);
  const notice = DONE[c.req.query('done') ?? ''];
  return c.html(flagsPage({ viewer: viewerOf(c.var.session), flags, error, notice: error ? undefined : notice }), status);
}

consoleFlagRoutes.get('/console/flags', (c) => showFlags(c, 200));

consoleFlagRoutes.post('/console/flags/:id/decision', async (c) => {
  const flagId = z.string().min(1).max(300).safeParse(c.req.param('id'));
  if (!flagId.success) throw notFound('flag');
  const fields = await readForm(c);
  const form = FlagForm.safeParse(fields);
  if (!form.success) return showFlags(c, 400, { flagId: flagId.data, message: form.error.issues[0]!.message, note: fields.note });
  try {
    await decideFlag(c.var.db, c.env, c.var.session.accountId, flagId.data, form.data.action, form.data.note);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 409)) {
      return showFlags(c, err.status, { flagId: flagId.data, message: `Not recorded: ${err.message}.`, note: fields.note });
    }
    throw err;
  }
  return c.redirect(`/console/flags?done=${form.data.action === 'dismiss' ? 'dismissed' : 'withdrawn'}`, 303);
});
