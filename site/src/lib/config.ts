// Build-time settings of the gallery: page size, default safety threshold and the site's name.
import { pageSize } from '../../../pipeline/util/config.js';

/** Cards per gallery page (env CLEARANCE_PAGE_SIZE overrides it, e.g. in tests). */
export const PAGE_SIZE = pageSize();

/** Conservative default: images whose nudity score is above this are hidden (blurred on item pages). */
export const DEFAULT_THRESHOLD = 0.2;

/** Public name of the catalogue's release shown in the header, when the pipeline reported one. */
export const SITE_NAME = 'Clearance';
