// Types for `tsc --noEmit` at the repo root (Astro's generated .astro/ types are not committed).
/// <reference types="astro/client" />

declare module 'astro:content' {
  export function getCollection(collection: 'items'): Promise<{ id: string; collection: 'items'; data: unknown }[]>;
}
