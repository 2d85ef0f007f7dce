// The source tree's layers, lowest first, and which imports may cross from one area (pipeline, site, edge) to another.
// A folder imports only folders of lower layers; folders of one layer do not import each other (imports.test.ts).

export const LAYERS: readonly (readonly string[])[] = [
  // The pipeline's base: the contract, then helpers that know nothing of stages.
  ['pipeline/catalog'], // zod schemas and types of release, decisions, catalogue record, reviews; prices
  ['pipeline/util'], // atomic writes, hashing, safe fetch, argument parsing…; util/config.ts: every environment variable
  ['pipeline/store', 'pipeline/models'], // build cache + content-addressed file store; model registry, sessions
  ['pipeline/image', 'pipeline/safety'], // decode, fetch, hashes, derivatives; nudity/face/text scores
  ['pipeline/rights', 'pipeline/optout'], // licence decisions, rights holders; opt-out signals
  ['pipeline/sources', 'pipeline/content'], // one adapter per input format; content exclusions (AI-generated, blocklists)
  ['pipeline/work'], // the work item that flows through the stages and the Stage interface
  ['pipeline/moderation'], // moderators' decisions applied to work items
  ['pipeline/stages'], // rights → optout → image → … → derivatives, one Stage each
  ['pipeline/runner'], // runs items through the stages: pool, cache, ordered output, reports, shards, merge

  // The gallery: site/src holds the templates and client code; site/generator bundles and writes the static site.
  ['site/src/styles', 'site/src/scripts', 'site/src/lib'],
  ['site/src/render'], // escape-by-default templates and the page content made with them
  ['site/src/components'], // the safety control
  ['site/src/layouts'], // the one page layout
  ['site/src/pages'], // the pages that do not depend on the catalogue (about, 404)
  ['site/generator'],

  // The Worker.
  ['edge/src/db'], // drizzle schema
  ['edge/src/types'], // bindings and request variables
  ['edge/src/services'], // business logic taking (db, env); no Hono
  ['edge/src/console'], // the console's server-rendered pages
  ['edge/src/http'], // middleware and request helpers
  ['edge/src/routes'], // one Hono sub-app per area
  ['edge/src'], // index.ts: the app

  // What runs around the pipeline: publishing, reading back, tools, the CLI.
  ['pipeline/publish', 'pipeline/export'], // apply a release (and the built site) to D1 and R2; parquet + WebDataset export
  ['pipeline/pull', 'pipeline/prune', 'pipeline/sample', 'pipeline/admin'], // D1 → release; prune a copy; sample release; admin API client
  ['pipeline/dev'], // npm start's tooling: wrangler dev, ports, the demo account
  ['pipeline/commands'], // one file per `clearance <command>`
  ['pipeline'], // cli.ts
];

/**
 * Imports from one area into another, the only ones allowed: the gallery and the Worker share the contract and the
 * escaper; the Worker applies the gallery's headers and slugs and computes perceptual identity with the pipeline's
 * identity modules; the CLI builds and publishes the site.
 */
export const CROSS_AREA: readonly { from: string; to: string }[] = [
  { from: 'site/', to: 'pipeline/catalog/' },
  { from: 'site/', to: 'pipeline/util/' },
  { from: 'edge/src/', to: 'pipeline/catalog/' },
  { from: 'edge/src/', to: 'site/src/render/html.ts' },
  { from: 'edge/src/', to: 'site/src/lib/slug-codec.ts' },
  { from: 'edge/src/', to: 'site/src/lib/gallery-headers.ts' },
  // "Find my works" computes an upload's perceptual identity in the Worker with the pipeline's own code (one
  // implementation, so the Worker's fingerprint is the pipeline's): identity.ts, -grid, -frame, -hash, -compare and
  // -index (the match rule) are pure TypeScript with no Node or sharp import; decoding stays in the edge.
  { from: 'edge/src/', to: 'pipeline/image/identity' },
  { from: 'pipeline/commands/', to: 'site/generator/' },
  { from: 'pipeline/publish/', to: 'site/generator/' },
];

export const areaOf = (file: string): string => (file.startsWith('edge/') ? 'edge' : file.split('/')[0]!);
