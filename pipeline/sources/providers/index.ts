// PLACEHOLDER until the provider adapters land: provider name → adapter (Wikimedia, Smithsonian, Met, ...).
import type { SourceAdapter } from '../source.js';

export const providerAdapters: Record<string, SourceAdapter> = {};
