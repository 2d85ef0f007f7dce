// Astro configuration of the gallery's static parts: the about pages and the page shells `clearance site` fills per record.
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
  vite: { logLevel: 'warn' },
});
