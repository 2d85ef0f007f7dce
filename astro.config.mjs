// Astro configuration of the static gallery: sources in site/, output in site/dist unless `clearance site --dist` says otherwise.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

const DATA_STORE_MODULE = '\0astro:data-layer-content';

/**
 * Astro inlines the whole content store (every catalogue record) into the server bundle as one JS module, which makes
 * Rollup parse hundreds of MB at scale. This plugin, placed first, makes that module read the store file at run time.
 */
function contentStoreFromDisk() {
  let file;
  const plugin = {
    name: 'clearance:content-store-from-disk',
    enforce: 'pre',
    load(id) {
      if (id !== DATA_STORE_MODULE || !file) return null;
      return `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));\n`;
    },
  };
  return {
    name: 'clearance-content-store',
    hooks: {
      'astro:config:done': ({ config }) => {
        file = fileURLToPath(new URL('data-store.json', config.cacheDir));
      },
      'astro:build:setup': ({ vite }) => {
        vite.plugins = [plugin, ...(vite.plugins ?? [])];
      },
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./site/', import.meta.url)),
  srcDir: './src',
  publicDir: './public',
  outDir: process.env.CLEARANCE_DIST ?? './dist',
  output: 'static',
  trailingSlash: 'ignore',
  // Pages render a few at a time so file writes overlap rendering.
  build: { format: 'directory', inlineStylesheets: 'always', concurrency: 4 },
  compressHTML: true,
  devToolbar: { enabled: false },
  integrations: [contentStoreFromDisk()],
  vite: { logLevel: 'warn', build: { chunkSizeWarningLimit: 100_000 } },
});
