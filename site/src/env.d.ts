// Types for `tsc --noEmit` at the repo root (Astro's generated .astro/ types are not committed).
/// <reference types="astro/client" />
