// Source adapter registry: the `manifest` and `optin` adapters plus every provider adapter, by the name release.json uses.
import { manifestAdapter } from './manifest.js';
import { optinAdapter } from './optin.js';
import { providerAdapters } from './providers/index.js';
import type { SourceAdapter } from './source.js';

export function adapters(): Record<string, SourceAdapter> {
  return { manifest: manifestAdapter, optin: optinAdapter, ...providerAdapters };
}

export function getAdapter(name: string): SourceAdapter | undefined {
  return adapters()[name];
}
