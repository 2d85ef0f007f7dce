// Query parameters of item searches and safety filters (zod, for OpenAPI and 400s), turned into service inputs.
import { z } from '@hono/zod-openapi';
import type { Db } from '../types/env.js';
import { badRequest } from '../services/errors.js';
import { FACET_FIELDS, type FacetField } from '../services/facets.js';
import type { ItemQuery } from '../services/item-query.js';
import { accountSafety, resolveSafety, type ResolvedFilter, type SafetyOverrides } from '../services/safety-filter.js';

const LICENCES = 'cc0-1.0|pdm-1.0|optin';
const FORMATS = 'jpeg|png|webp|gif|tiff|avif';
const listOf = (values: string, max: number) => new RegExp(`^(${values})(,(${values})){0,${max - 1}}$`);
const names = z
  .string()
  .max(2000)
  .regex(/^[^,]{1,200}(,[^,]{1,200}){0,19}$/, 'expected up to 20 names separated by commas')
  .optional();

export const SafetyQuery = z.object({
  maxNsfw: z
    .string()
    .regex(/^(any|0(\.\d{1,6})?|1(\.0{1,6})?)$/, 'expected a number from 0 to 1, or any')
    .optional()
    .openapi({ description: 'Highest nudity score kept (0–1); `any` lifts your account default. Unscored items are left out unless includeUnscored=true.', example: '0.2' }),
  faces: z.enum(['none', 'any']).optional().openapi({ description: '`none`: only items in which no face was detected (unscored left out unless includeUnscored=true).' }),
  textPii: z.enum(['false', 'any']).optional().openapi({ description: '`false`: only items where no personal data was found in their text.' }),
  includeUnscored: z.enum(['true', 'false']).optional().openapi({ description: 'Keep items that lack a score a set limit needs (default false).' }),
});

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Full-text search over title, creator, tags and description: every word must match (stemmed, accents ignored); `word*` matches a prefix.', example: 'apple watercolour' }),
  source: names.openapi({ description: 'Release source name(s), comma-separated', example: 'pomological' }),
  licence: z.string().regex(listOf(LICENCES, 3), `expected ${LICENCES.replace(/\|/g, ', ')} (comma-separated)`).optional().openapi({ example: 'cc0-1.0,pdm-1.0' }),
  format: z.string().regex(listOf(FORMATS, 6), `expected ${FORMATS.replace(/\|/g, ', ')} (comma-separated)`).optional().openapi({ description: 'Format of the served file', example: 'jpeg' }),
  release: names.openapi({ description: 'Release name(s), comma-separated', example: '2026-11' }),
  minWidth: z.coerce.number().int().min(1).max(100_000).optional().openapi({ description: 'Served width at least (px)' }),
  minHeight: z.coerce.number().int().min(1).max(100_000).optional().openapi({ description: 'Served height at least (px)' }),
  ...SafetyQuery.shape,
});

export const FacetsQuery = z
  .string()
  .regex(listOf(FACET_FIELDS.join('|'), FACET_FIELDS.length), `expected some of ${FACET_FIELDS.join(', ')} (comma-separated)`)
  .optional()
  .openapi({ description: 'Counts of matching items per value of these fields (top 100 each)', example: 'source,licence' });

const split = (v: string | undefined) => (v === undefined ? undefined : [...new Set(v.split(','))]);

export function itemQueryOf(v: z.infer<typeof SearchQuery>): ItemQuery {
  return { q: v.q, source: split(v.source), licence: split(v.licence), format: split(v.format), release: split(v.release), minWidth: v.minWidth, minHeight: v.minHeight };
}

export function overridesOf(v: z.infer<typeof SafetyQuery>): SafetyOverrides {
  return {
    maxNsfw: v.maxNsfw === undefined || v.maxNsfw === 'any' ? v.maxNsfw : Number(v.maxNsfw),
    faces: v.faces,
    textPii: v.textPii,
    includeUnscored: v.includeUnscored === undefined ? undefined : v.includeUnscored === 'true',
  };
}

export const facetsOf = (v: string | undefined): FacetField[] => (split(v) ?? []) as FacetField[];

/** The filter in force: the caller's account default (when a key is given) with the request's overrides. */
export async function safetyFor(db: Db, accountId: string | undefined, v: z.infer<typeof SafetyQuery>): Promise<ResolvedFilter> {
  return resolveSafety(accountId === undefined ? null : await accountSafety(db, accountId), overridesOf(v));
}

/** Headers that say which filter produced a listing or manifest. */
export const filterHeaders = (f: ResolvedFilter): Record<string, string> => ({ 'Clearance-Filter': f.summary, 'Clearance-Filter-From': f.from });

/** The filter as JSON bodies report it. */
export const FilterSchema = z
  .object({
    maxNsfw: z.number().nullable(),
    faces: z.enum(['none', 'any']),
    textPii: z.literal(false).nullable(),
    includeUnscored: z.boolean(),
    from: z.enum(['none', 'account', 'request', 'account+request']).openapi({ description: 'Which settings produced it: your account default, this request, both, or none' }),
    summary: z.string().openapi({ example: 'maxNsfw=0.2&faces=none', description: 'Canonical text (also the Clearance-Filter header and the manifest `filter` column); `none` when nothing is filtered' }),
  })
  .openapi('SafetyFilter');

/** A query given in a JSON body: the same names as GET /v1/items' parameters, as an object (lists as arrays or
 *  comma-separated strings, numbers and booleans as JSON values) or as a query string (`q=apple&licence=cc0-1.0`). */
export const QueryBody = z
  .union([
    z.string().max(4000),
    z.record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean(), z.array(z.string().max(200)).max(20)])),
  ])
  .openapi({ description: 'The search and filters of GET /v1/items (q, source, licence, format, release, minWidth, minHeight, maxNsfw, faces, textPii, includeUnscored), as an object or a query string', example: { q: 'apple', licence: ['cc0-1.0', 'pdm-1.0'], maxNsfw: 0.2, faces: 'none' } });

export function parseQueryBody(body: z.infer<typeof QueryBody>): z.infer<typeof SearchQuery> {
  const raw: Record<string, string> = typeof body === 'string'
    ? Object.fromEntries(new URLSearchParams(body.replace(/^\?/, '')))
    : Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]));
  const parsed = SearchQuery.strict().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badRequest(`query.${issue.path.join('.') || issue.code}: ${issue.message}`.slice(0, 500));
  }
  return parsed.data;
}
