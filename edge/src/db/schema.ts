// Drizzle schema of the edge database (D1): the source of truth for edge/migrations.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const plans = sqliteTable('plans', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  monthlyFeeMicros: integer('monthly_fee_micros').notNull().default(0),
  monthlyDownloads: integer('monthly_downloads').notNull(),
  privateCollections: integer('private_collections', { mode: 'boolean' }).notNull().default(false),
  earlyAccess: integer('early_access', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull().default(now),
});

export const accounts = sqliteTable('accounts', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  planId: text('plan_id').notNull().references(() => plans.id),
  /** Optional monthly spending cap in µ$ (fees + prices), enforced by the charge batch; null = no cap. */
  spendCapMicros: integer('spend_cap_micros'),
  /** The account's default safety filter for listings and manifests (requests override it field by field):
   *  the highest nudity score allowed (null: none), `none` = no detected faces, no text PII, keep unscored items. */
  safetyMaxNsfw: real('safety_max_nsfw'),
  safetyFaces: text('safety_faces', { enum: ['none', 'any'] }),
  safetyNoTextPii: integer('safety_no_text_pii', { mode: 'boolean' }).notNull().default(false),
  safetyIncludeUnscored: integer('safety_include_unscored', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull().default(now),
});

export const roles = sqliteTable(
  'roles',
  {
    accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['moderator', 'rightsholder'] }).notNull(),
    rightsHolder: text('rights_holder').notNull().default(''),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.role, t.rightsHolder] })],
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    hash: text('hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    name: text('name'),
    createdAt: text('created_at').notNull().default(now),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('api_keys_account').on(t.accountId)],
);

export const items = sqliteTable(
  'items',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    /** SHA-256 of the served file (the published original a download streams; its key names it). */
    sha256: text('sha256').notNull(),
    /** SHA-256 of the image as fetched from its source (withdrawals and the change feed match on it). */
    sourceSha256: text('source_sha256'),
    /** Perceptual fingerprint of the fetched image (catalogue record `fingerprint`, `pid1:…`): a withdrawal copies it. */
    fingerprint: text('fingerprint'),
    originalKey: text('original_key').notNull(),
    thumbKey: text('thumb_key').notNull(),
    contentType: text('content_type').notNull(),
    /** Size, pixel dimensions and format (jpeg | png | webp) of the served file. */
    bytes: integer('bytes').notNull(),
    width: integer('width'),
    height: integer('height'),
    format: text('format'),
    licence: text('licence').notNull(),
    licenceUrl: text('licence_url'),
    creator: text('creator'),
    description: text('description'),
    /** JSON array of strings. */
    tags: text('tags'),
    /** The work's date as the source gives it (free text). */
    date: text('date'),
    /** The release source's name, the work's landing page, where the image was fetched from, when. */
    source: text('source'),
    sourceUrl: text('source_url'),
    imageUrl: text('image_url'),
    retrievedAt: text('retrieved_at'),
    /** Safety scores (catalogue record `safety`): null = not scored. */
    nsfw: real('nsfw'),
    faces: integer('faces'),
    faceScore: real('face_score'),
    textPii: integer('text_pii', { mode: 'boolean' }),
    rightsHolder: text('rights_holder'),
    priceMicros: integer('price_micros').notNull().default(0),
    priceSource: text('price_source').notNull().default('release'),
    status: text('status').notNull().default('live'),
    withdrawnBy: text('withdrawn_by'),
    withdrawnReason: text('withdrawn_reason'),
    withdrawnAt: text('withdrawn_at'),
    release: text('release').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  // Listings page live items by id: every filter has an index led by status that keeps id order where it can.
  (t) => [
    index('items_rights_holder').on(t.rightsHolder),
    index('items_status').on(t.status, t.id),
    index('items_thumb').on(t.thumbKey),
    index('items_source').on(t.status, t.source, t.id),
    index('items_licence').on(t.status, t.licence, t.id),
    index('items_format').on(t.status, t.format, t.id),
    index('items_release').on(t.status, t.release, t.id),
    index('items_width').on(t.status, t.width),
    index('items_height').on(t.status, t.height),
    index('items_nsfw').on(t.status, t.nsfw),
    index('items_faces').on(t.status, t.faces, t.id),
    index('items_text_pii').on(t.status, t.textPii, t.id),
    // Covers every filtered column: facet counts and stats read it alone (services/facets.ts names it).
    index('items_facets').on(t.status, t.source, t.licence, t.format, t.release, t.width, t.height, t.nsfw, t.faces, t.textPii),
    // "Find my works": exact file matches (the perceptual bands are in item_bands).
    index('items_sha256').on(t.sha256),
    index('items_source_sha256').on(t.sourceSha256),
  ],
);

/**
 * "Find my works" index (services/find-index.ts): each catalogued fingerprint's 64-bit hash as four 16-bit bands
 * (`band` 0–3, `value` 4 hex digits) with the whole hash, so a look-up reads candidates sharing a band value from the
 * primary key alone (never the wide items rows). Kept by triggers on items (migration 0007, which also filled it from
 * the rows already published): nothing for publish to write.
 */
export const itemBands = sqliteTable(
  'item_bands',
  {
    band: integer('band').notNull(),
    value: text('value').notNull(),
    hash: text('hash').notNull(),
    itemId: text('item_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.band, t.value, t.hash, t.itemId] }), index('item_bands_item').on(t.itemId)],
);

export const withdrawals = sqliteTable('withdrawals', {
  id: text('id').primaryKey(),
  itemId: text('item_id').notNull(),
  sha256: text('sha256').notNull(),
  /** The item's perceptual fingerprint when withdrawn: `clearance pull` exports it so edited copies stay out too. */
  fingerprint: text('fingerprint'),
  reason: text('reason').notNull(),
  by: text('by').notNull(),
  at: text('at').notNull(),
  flagId: text('flag_id'),
});

/** The download ledger: one row per charged download (account, item, month). */
export const downloads = sqliteTable(
  'downloads',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    keyId: text('key_id').notNull(),
    keyPrefix: text('key_prefix').notNull(),
    itemId: text('item_id').notNull(),
    rightsHolder: text('rights_holder'),
    month: text('month').notNull(),
    priceMicros: integer('price_micros').notNull(),
    feeMicros: integer('fee_micros').notNull(),
    at: text('at').notNull(),
    via: text('via').notNull().default('key'),
  },
  (t) => [
    uniqueIndex('downloads_once').on(t.accountId, t.itemId, t.month),
    index('downloads_rights_holder').on(t.rightsHolder, t.month),
    index('downloads_account_month').on(t.accountId, t.month),
  ],
);

export const usageMonthly = sqliteTable(
  'usage_monthly',
  {
    accountId: text('account_id').notNull(),
    month: text('month').notNull(),
    downloads: integer('downloads').notNull().default(0),
    feesMicros: integer('fees_micros').notNull().default(0),
    pricesMicros: integer('prices_micros').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.month] })],
);

export const collections = sqliteTable(
  'collections',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: text('created_at').notNull().default(now),
    updatedAt: text('updated_at').notNull().default(now),
  },
  (t) => [index('collections_account').on(t.accountId)],
);

export const collectionItems = sqliteTable(
  'collection_items',
  {
    collectionId: text('collection_id').notNull().references(() => collections.id, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    addedAt: text('added_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.collectionId, t.itemId] })],
);

export const flags = sqliteTable(
  'flags',
  {
    id: text('id').primaryKey(),
    itemId: text('item_id').notNull(),
    reason: text('reason').notNull(),
    note: text('note'),
    status: text('status').notNull().default('open'),
    clientHash: text('client_hash').notNull(),
    createdAt: text('created_at').notNull(),
    decidedAt: text('decided_at'),
    /** The rights holder who asked for the withdrawal from "Find my works" (reason infringing); null for public reports. */
    holderId: text('holder_id'),
  },
  (t) => [index('flags_status').on(t.status, t.createdAt)],
);

export const moderationDecisions = sqliteTable('moderation_decisions', {
  id: text('id').primaryKey(),
  flagId: text('flag_id').notNull(),
  itemId: text('item_id').notNull(),
  moderatorId: text('moderator_id').notNull(),
  action: text('action').notNull(),
  note: text('note'),
  at: text('at').notNull(),
});

/** Fixed-window counters for rate limits (e.g. flags per client IP). */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    window: integer('window').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.window] })],
);

/**
 * The review queue: one row per held (`review`) item and version of its evidence, filled by `clearance publish`.
 * `evidence_hash` is the pipeline's hash of what the decision rests on (pipeline/moderation/evidence-hash.ts): an
 * unchanged record is never asked again; a changed one gets a new row and the old open row is `superseded`.
 */
export const reviews = sqliteTable(
  'reviews',
  {
    id: text('id').primaryKey(),
    itemId: text('item_id').notNull(),
    evidenceHash: text('evidence_hash').notNull(),
    source: text('source').notNull(),
    release: text('release').notNull(),
    /** The main reason code (e.g. licence.pd-unmarked), for filtering. */
    mainCode: text('main_code').notNull(),
    /** JSON: [{ code, detail }] as the decision gave them. */
    reasons: text('reasons').notNull(),
    /** JSON: the review record (title, creator, licence as stated, asserted by, source and landing URL, provenance, …). */
    evidence: text('evidence').notNull(),
    title: text('title').notNull(),
    sha256: text('sha256'),
    /** R2 key of a thumbnail under review/ (never public), when the image could be read. */
    thumbKey: text('thumb_key'),
    status: text('status', { enum: ['open', 'approved', 'rejected', 'superseded'] }).notNull().default('open'),
    /** The licence a moderator approved it as: cc0-1.0 | pdm-1.0. */
    decidedLicence: text('decided_licence'),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('reviews_item_evidence').on(t.itemId, t.evidenceHash),
    index('reviews_status').on(t.status, t.mainCode, t.source),
    index('reviews_decided').on(t.decidedAt),
  ],
);

/** Browser sessions (console, later dashboards): the cookie holds an opaque id; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    accountId: text('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
    /** The key the person signed in with: revoking it ends the session. */
    keyId: text('key_id').notNull(),
    /** Anti-CSRF token sent back in every form (compared in constant time). */
    csrf: text('csrf').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('sessions_account').on(t.accountId)],
);

/**
 * The consent-change feed (`GET /v1/changes`): withdrawals, reinstatements and review approvals/rejections in the
 * order they happened. `seq` is the cursor.
 */
export const changes = sqliteTable(
  'changes',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    itemId: text('item_id').notNull(),
    sha256: text('sha256'),
    kind: text('kind', { enum: ['withdrawn', 'reinstated', 'approved', 'rejected'] }).notNull(),
    /** Reason code, e.g. optout.withdrawn, release.dropped, licence.moderator-approved. */
    code: text('code').notNull(),
    detail: text('detail'),
    by: text('by').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('changes_item').on(t.itemId)],
);

/**
 * Rights holders who signed up in the browser (#21): one per account. `id` is the name the pipeline and the items'
 * `rights_holder` use; `status` is exported to the release's rights holders by `clearance pull`.
 */
export const holders = sqliteTable(
  'holders',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull().unique().references(() => accounts.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: text('status', { enum: ['pending', 'verified', 'revoked'] }).notNull().default('pending'),
    /** Why the status is what it is (a verified claim, a moderator's note). */
    statusNote: text('status_note'),
    statusBy: text('status_by'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('holders_status').on(t.status)],
);

/** A holder's claim of ownership: a domain proved by a token file, or a claim a moderator reviews with a note. */
export const holderClaims = sqliteTable(
  'holder_claims',
  {
    id: text('id').primaryKey(),
    holderId: text('holder_id').notNull().references(() => holders.id, { onDelete: 'cascade' }),
    /** `domain`: token at https://<domain>/.well-known/clearance-verification.txt; `review`: a moderator decides;
     *  `match`: a catalogued item "Find my works" matched, claimed as the holder's (a moderator decides). */
    method: text('method', { enum: ['domain', 'review', 'match'] }).notNull(),
    /** The domain (method domain), what the holder says they own (method review) or their statement (method match). */
    subject: text('subject').notNull(),
    /** Method match: the catalogued item claimed, and the evidence of the search (JSON: services/find-claims.ts). */
    itemId: text('item_id'),
    evidence: text('evidence'),
    token: text('token').notNull(),
    status: text('status', { enum: ['pending', 'verified', 'rejected'] }).notNull().default('pending'),
    note: text('note'),
    decidedBy: text('decided_by'),
    decidedAt: text('decided_at'),
    lastCheck: text('last_check'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('holder_claims_holder').on(t.holderId), index('holder_claims_status').on(t.status, t.createdAt)],
);

/** Works submitted by verified holders: the original in R2 under incoming/ (never public) until a release takes it. */
export const submissions = sqliteTable(
  'submissions',
  {
    id: text('id').primaryKey(),
    /** The catalogue id the pipeline gives it: `optin:<id>`. */
    itemId: text('item_id').notNull().unique(),
    holderId: text('holder_id').notNull().references(() => holders.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    creator: text('creator').notNull(),
    priceMicros: integer('price_micros').notNull(),
    /** Terms (fixed vocabulary): whether generative-model training is allowed. */
    generativeTraining: integer('generative_training', { mode: 'boolean' }).notNull(),
    sha256: text('sha256').notNull(),
    incomingKey: text('incoming_key').notNull(),
    contentType: text('content_type').notNull(),
    format: text('format').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** `withdrawn` by the holder; otherwise the status shown comes from items/reviews once a release saw it. */
    status: text('status', { enum: ['submitted', 'withdrawn'] }).notNull().default('submitted'),
    /** What the last published release decided (written by `clearance publish`): accepted | review | rejected, its
     *  reasons (JSON [{ code, detail }]) and the release's name; null until a release saw the work. */
    releaseStatus: text('release_status'),
    releaseReasons: text('release_reasons'),
    releaseName: text('release_name'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('submissions_holder').on(t.holderId, t.createdAt), index('submissions_sha').on(t.sha256)],
);

/**
 * Billing state of an account with the payments provider (#22): its customer and plan subscription there, whether its
 * last payment failed, and a plan change waiting for the next month (upgrade, cancel, failed payment).
 */
export const billingAccounts = sqliteTable('billing_accounts', {
  accountId: text('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  customerId: text('customer_id'),
  subscriptionId: text('subscription_id'),
  status: text('status', { enum: ['active', 'past_due'] }).notNull().default('active'),
  /** The plan the account moves to on the first day of `pending_from` (YYYY-MM), applied when that month starts. */
  pendingPlanId: text('pending_plan_id'),
  pendingFrom: text('pending_from'),
  pendingReason: text('pending_reason'),
  updatedAt: text('updated_at').notNull(),
});

/** Every plan change, asked for or applied: who, from which plan to which, from which month, and why. */
export const planChanges = sqliteTable(
  'plan_changes',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    fromPlan: text('from_plan').notNull(),
    toPlan: text('to_plan').notNull(),
    /** The first month (YYYY-MM) billed on `to_plan`. */
    effectiveMonth: text('effective_month').notNull(),
    /** `scheduled`: waits for its month; `applied`: the account's plan was changed (at a month's start or by an admin). */
    event: text('event', { enum: ['scheduled', 'applied', 'withdrawn'] }).notNull(),
    reason: text('reason', { enum: ['upgrade', 'cancel', 'payment_failed', 'subscription_ended', 'admin'] }).notNull(),
    by: text('by').notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('plan_changes_account').on(t.accountId, t.at)],
);

/**
 * One invoice per account and closed month, written once by the month close and never changed (figures in µ$ and in
 * cents); only the payment fields follow the provider.
 */
export const invoices = sqliteTable(
  'invoices',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    month: text('month').notNull(),
    planId: text('plan_id').notNull(),
    planFeeMicros: integer('plan_fee_micros').notNull(),
    downloads: integer('downloads').notNull(),
    feesMicros: integer('fees_micros').notNull(),
    pricesMicros: integer('prices_micros').notNull(),
    totalMicros: integer('total_micros').notNull(),
    currency: text('currency').notNull(),
    /** The plan fee and the usage (fees + prices) each rounded half up to the cent; their sum is the amount due. */
    planFeeMinor: integer('plan_fee_minor').notNull(),
    usageMinor: integer('usage_minor').notNull(),
    totalMinor: integer('total_minor').notNull(),
    closedAt: text('closed_at').notNull(),
    providerInvoiceId: text('provider_invoice_id'),
    paymentStatus: text('payment_status', { enum: ['none', 'pending', 'open', 'paid', 'failed'] }).notNull(),
    paymentUpdatedAt: text('payment_updated_at'),
  },
  (t) => [uniqueIndex('invoices_account_month').on(t.accountId, t.month), index('invoices_month').on(t.month), index('invoices_provider').on(t.providerInvoiceId)],
);

/**
 * One payout statement per rights holder and closed month: what their works earned, what the platform kept (the fees),
 * the balance carried in and out (under the minimum payout, or no payout account), and the transfer.
 */
export const payouts = sqliteTable(
  'payouts',
  {
    id: text('id').primaryKey(),
    rightsHolder: text('rights_holder').notNull(),
    month: text('month').notNull(),
    downloads: integer('downloads').notNull(),
    pricesMicros: integer('prices_micros').notNull(),
    feesMicros: integer('fees_micros').notNull(),
    carriedInMicros: integer('carried_in_micros').notNull(),
    payableMicros: integer('payable_micros').notNull(),
    paidMicros: integer('paid_micros').notNull(),
    carriedOutMicros: integer('carried_out_micros').notNull(),
    thresholdMicros: integer('threshold_micros').notNull(),
    currency: text('currency').notNull(),
    paidMinor: integer('paid_minor').notNull(),
    /** `carried`: nothing paid this month (below the minimum or no payout account); `due`: to transfer; `paid`; `failed`. */
    status: text('status', { enum: ['carried', 'due', 'paid', 'failed'] }).notNull(),
    note: text('note'),
    closedAt: text('closed_at').notNull(),
    providerTransferId: text('provider_transfer_id'),
  },
  (t) => [uniqueIndex('payouts_holder_month').on(t.rightsHolder, t.month), index('payouts_month').on(t.month)],
);

/** Where a rights holder is paid: their connected account at the payments provider. */
export const payoutAccounts = sqliteTable('payout_accounts', {
  rightsHolder: text('rights_holder').primaryKey(),
  providerAccountId: text('provider_account_id').notNull(),
  createdAt: text('created_at').notNull(),
});

/** Webhook events already handled, by the provider's event id: a replay is acknowledged and ignored. */
export const billingEvents = sqliteTable('billing_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  receivedAt: text('received_at').notNull(),
  result: text('result').notNull(),
});

/** Months closed (invoices and payouts written): the first close's time and counts. */
export const monthCloses = sqliteTable('month_closes', {
  month: text('month').primaryKey(),
  closedAt: text('closed_at').notNull(),
  invoices: integer('invoices').notNull(),
  payouts: integer('payouts').notNull(),
});
