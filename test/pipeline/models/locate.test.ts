// The model loader: models dir, cache, and download with SHA-256 verification against a local HTTP server.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { locateModel } from '../../../pipeline/models/locate.js';
import type { ModelSpec } from '../../../pipeline/models/registry.js';

const body = Buffer.from('not really an onnx file, but bytes with a known digest\n');
const digest = createHash('sha256').update(body).digest('hex');
let server: Server;
let base = '';
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    if (req.url === '/model.onnx') res.end(body);
    else res.writeHead(404).end('no');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
const roots: string[] = [];
afterAll(() => new Promise<void>((r) => server.close(() => r())));
afterAll(() => roots.forEach((d) => rmSync(d, { recursive: true, force: true })));

function spec(over: Partial<ModelSpec> = {}): ModelSpec {
  return {
    name: 'test-model', version: '1', file: 'model.onnx', sha256: digest, url: `${base}/model.onnx`, licence: 'MIT',
    input: { name: 'input', shape: [1, 3, 2, 2], layout: 'NCHW' }, normalise: { mean: 0, std: 1 }, labels: [], scores: '',
    ...over,
  };
}
function dirs() {
  const root = mkdtempSync(join(tmpdir(), 'clearance-locate-'));
  roots.push(root);
  return { env: { CLEARANCE_MODELS: join(root, 'models'), CLEARANCE_MODEL_CACHE: join(root, 'cache') }, root };
}

describe('locateModel', () => {
  it('downloads into the cache when the checksum matches, then reuses the cached file', async () => {
    const { env } = dirs();
    const before = requests;
    const path = await locateModel(spec(), { env });
    expect(path).toBe(join(env.CLEARANCE_MODEL_CACHE, 'model.onnx'));
    expect(requests).toBe(before + 1);
    expect(await locateModel(spec(), { env })).toBe(path);
    expect(requests).toBe(before + 1);
  });

  it('refuses a download with the wrong checksum and leaves nothing in the cache', async () => {
    const { env } = dirs();
    const wrong = spec({ sha256: '0'.repeat(64) });
    await expect(locateModel(wrong, { env })).rejects.toThrow(/checksum mismatch/);
    const cache = env.CLEARANCE_MODEL_CACHE;
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([]);
  });

  it('prefers the models directory over the cache and the network', async () => {
    const { env } = dirs();
    const local = join(env.CLEARANCE_MODELS, 'model.onnx');
    (await import('node:fs')).mkdirSync(env.CLEARANCE_MODELS, { recursive: true });
    writeFileSync(local, body);
    const before = requests;
    expect(await locateModel(spec({ url: 'http://127.0.0.1:9/never' }), { env })).toBe(local);
    expect(requests).toBe(before);
  });

  it('a missing model is a one-line error naming the file, the URL and the variable to set', async () => {
    const { env } = dirs();
    const missing = spec({ file: 'absent.onnx', url: `${base}/absent.onnx` });
    const err = await locateModel(missing, { env }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const msg = (err as Error).message;
    expect(msg).not.toContain('\n');
    expect(msg).toContain('absent.onnx');
    expect(msg).toContain(`${base}/absent.onnx`);
    expect(msg).toContain('CLEARANCE_MODELS');
    expect(msg).toContain('HTTP 404');
  });
});
