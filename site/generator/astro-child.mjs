// Child-process entry: the Astro build of the gallery's static parts, so its memory is returned to the OS when it ends.
// Plain JS on purpose: Astro loads the TypeScript it needs through Vite, and a TS loader hook here would slow every import.
// argv: <outDir> <cacheDir> [--verbose]; env: CLEARANCE_API_BASE.
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../..');
const [outDir, cacheDir, flag] = process.argv.slice(2);

async function main() {
  if (!outDir || !cacheDir) throw new Error('usage: astro-child <outDir> <cacheDir> [--verbose]');
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  // Astro runs its prerender chunks from outDir (they need node_modules) and mishandles an outDir outside the cwd.
  process.chdir(repoRoot);
  const { build } = await import('astro');
  await build(
    {
      root: join(repoRoot, 'site'),
      configFile: '../astro.config.mjs',
      outDir,
      cacheDir,
      logLevel: flag === '--verbose' ? 'info' : 'warn',
      // Every script as a file, never inline: the gallery's CSP allows scripts from the site itself only
      // (site/src/lib/gallery-headers.ts); Astro would otherwise inline the small ones (under 4 KiB).
      vite: { build: { assetsInlineLimit: 0 } },
    },
    { teardownCompiler: true },
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`\n${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
