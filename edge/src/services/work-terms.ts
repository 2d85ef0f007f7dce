// The terms a rights holder set on an opt-in work (fixed vocabulary), checked against the use a customer declares.
import { eq } from 'drizzle-orm';
import { submissions } from '../db/schema.js';
import type { Db } from '../types/env.js';
import { ApiError } from './errors.js';

/** Uses a customer may declare on a download; `generative-training` is refused where the holder said no. */
export const DECLARED_USES = ['generative-training', 'other-training'] as const;
export type DeclaredUse = (typeof DECLARED_USES)[number];

/** 403 `terms_refused` when the work's holder does not allow the declared use; nothing is charged. */
export async function checkDeclaredUse(db: Db, itemId: string, use: DeclaredUse | undefined): Promise<void> {
  if (use !== 'generative-training') return;
  const row = await db.select({ generative: submissions.generativeTraining }).from(submissions).where(eq(submissions.itemId, itemId)).get();
  if (row && !row.generative) throw new ApiError(403, 'terms_refused', 'the rights holder does not allow generative training on this work (its terms); nothing was charged');
}

/** The work's terms, or null when it is no holder's submission. */
export async function termsOf(db: Db, itemId: string): Promise<{ generativeTraining: boolean } | null> {
  const row = await db.select({ generative: submissions.generativeTraining }).from(submissions).where(eq(submissions.itemId, itemId)).get();
  return row ? { generativeTraining: row.generative } : null;
}
