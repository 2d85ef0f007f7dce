// The benches' dev server: wrangler's startWorker API with the devtools inspector off (not a `wrangler dev` flag in 4.86),
// run as `node --input-type=module -e DEV_SERVER <port> <persist dir> <admin token> <wrangler.toml>`; SIGTERM stops it.
export const DEV_SERVER = `import { unstable_startWorker } from 'wrangler';
const [port, persist, token, config] = process.argv.slice(1);
const worker = await unstable_startWorker({
  config,
  bindings: { ADMIN_TOKEN: { type: 'plain_text', value: token }, SIGNING_SECRET: { type: 'plain_text', value: token + ':signing-secret-of-the-bench' } },
  dev: { remote: false, inspector: false, persist, server: { hostname: '127.0.0.1', port: Number(port) }, logLevel: 'error', watch: false, liveReload: false },
});
await worker.ready;
process.on('SIGTERM', () => worker.dispose().finally(() => process.exit(0)));`;
