// GET /v1/exports[/:release[/files/<path>]]: release exports' metadata (parquet, card, Croissant, sums) for keyed users.
import { createRoute, z } from '@hono/zod-openapi';
import { requireKey } from '../http/auth.js';
import { bearer, errors, json, router } from '../http/validation.js';
import { ApiError } from '../services/errors.js';
import { exportFile, getExport, listExports, RELEASE_NAME } from '../services/exports.js';

export const exportRoutes = router();
exportRoutes.use('*', requireKey);
const tags = ['exports'];

const ExportFile = z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string(), url: z.string() });
const Export = z.object({ release: z.string(), builtAt: z.string(), rows: z.number().int(), files: z.array(ExportFile) }).openapi('Export');
const Release = z.object({ release: z.string().regex(RELEASE_NAME, 'expected a release name') });

exportRoutes.openapi(
  createRoute({ method: 'get', path: '/', tags, security: bearer, summary: 'Release exports and their metadata files (images: metered downloads or collection shards)', responses: { 200: json(z.object({ exports: z.array(Export) }), 'Exports, newest first'), ...errors } }),
  async (c) => c.json({ exports: await listExports(c.env.FILES) }, 200),
);

exportRoutes.openapi(
  createRoute({ method: 'get', path: '/{release}', tags, security: bearer, summary: "One release export's metadata files", request: { params: Release }, responses: { 200: json(z.object({ export: Export }), 'The export'), ...errors } }),
  async (c) => c.json({ export: await getExport(c.env.FILES, c.req.valid('param').release) }, 200),
);

exportRoutes.openAPIRegistry.registerPath({
  method: 'get', path: '/{release}/files/{key}', tags, security: bearer,
  summary: "A metadata file of a release export (README.md, LICENSES.md, croissant.json, export.json, SHA256SUMS, metadata/part-NNNNN.parquet)",
  request: { params: z.object({ release: z.string(), key: z.string().openapi({ example: 'metadata/part-00000.parquet' }) }) },
  responses: { 200: { description: 'The file' }, ...errors },
});
exportRoutes.get('/:release/files/*', async (c) => {
  const release = c.req.param('release');
  if (!RELEASE_NAME.test(release)) throw new ApiError(404, 'not_found', 'no such export');
  const path = new URL(c.req.url).pathname.replace(/^\/v1\/exports\/[^/]+\/files\//, '');
  const obj = await exportFile(c.env.FILES, release, path);
  const headers = new Headers({ ETag: obj.httpEtag, 'Content-Type': obj.httpMetadata?.contentType ?? 'application/octet-stream', 'Content-Length': String(obj.size), 'Cache-Control': 'private, max-age=300' });
  return new Response(obj.body, { headers });
});
