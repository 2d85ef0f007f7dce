// Astro configuration of the static gallery: sources in site/, output in site/dist unless `clearance site --dist` says otherwise.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

export default defineConfig({
  root: fileURLToPath(new URL('./site/', import.meta.url)),
  srcDir: './src',
  publicDir: './public',
  outDir: process.env.CLEARANCE_DIST ?? './dist',
  output: 'static',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'always' },
  compressHTML: true,
  devToolbar: { enabled: false },
  vite: { logLevel: 'warn', build: { chunkSizeWarningLimit: 100_000 } },
});
