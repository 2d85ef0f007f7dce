// Build-time settings of the gallery: page size, default safety threshold and the API base the pages talk to.

/** Cards per gallery page (env CLEARANCE_PAGE_SIZE overrides it, e.g. in tests). */
export const PAGE_SIZE = Number(process.env.CLEARANCE_PAGE_SIZE) || 48;

/** Conservative default: images whose nudity score is above this are hidden (blurred on item pages). */
export const DEFAULT_THRESHOLD = 0.2;

/** Where `/v1/...` lives; empty means the same origin as the site (the Worker serves both). */
export const API_BASE = (process.env.CLEARANCE_API_BASE ?? '').replace(/\/+$/, '');

/** Public name of the catalogue's release shown in the header, when the pipeline reported one. */
export const SITE_NAME = 'Clearance';
