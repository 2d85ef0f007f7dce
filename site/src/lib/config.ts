// Build-time settings of the gallery: default safety threshold and the site's name (page size: lib/paging.ts).

/** Conservative default: images whose nudity score is above this are hidden (blurred on item pages). */
export const DEFAULT_THRESHOLD = 0.2;

/** Public name of the catalogue's release shown in the header, when the pipeline reported one. */
export const SITE_NAME = 'Clearance';
