// Astro configuration of the gallery's static parts: the about pages and the page shells `clearance site` fills per record.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';

export default defineConfig({
  root: fileURLToPath(new URL('./site/', import.meta.url)),
  srcDir: './src',
  publicDir: './public',
  outDir: './dist',
  output: 'static',
  trailingSlash: 'ignore',
  // One shared stylesheet: every page links it (cached once) instead of carrying a copy.
  build: { format: 'directory', inlineStylesheets: 'never' },
  compressHTML: true,
  devToolbar: { enabled: false },
  vite: { logLevel: 'warn' },
});
