// Plans are data: list, read and upsert them (payg and curation are seeded by a migration).
import { eq } from 'drizzle-orm';
import { plans } from '../db/schema.js';
import type { Db } from '../types/env.js';

export type Plan = typeof plans.$inferSelect;

export interface PlanInput {
  id: string;
  name: string;
  monthlyFeeMicros: number;
  monthlyDownloads: number;
  privateCollections: boolean;
  earlyAccess?: boolean;
}

export function publicPlan(p: Plan) {
  return {
    id: p.id,
    name: p.name,
    monthlyFeeMicros: p.monthlyFeeMicros,
    monthlyDownloads: p.monthlyDownloads,
    privateCollections: p.privateCollections,
    earlyAccess: p.earlyAccess,
  };
}

export async function listPlans(db: Db): Promise<Plan[]> {
  return db.select().from(plans).orderBy(plans.id);
}

/** Creates or updates a plan; `created` tells which. */
export async function upsertPlan(db: Db, input: PlanInput): Promise<{ plan: Plan; created: boolean }> {
  const existing = await db.select({ id: plans.id }).from(plans).where(eq(plans.id, input.id)).get();
  const values = { ...input, earlyAccess: input.earlyAccess ?? false };
  const [plan] = await db
    .insert(plans)
    .values(values)
    .onConflictDoUpdate({ target: plans.id, set: values })
    .returning();
  return { plan: plan!, created: !existing };
}
