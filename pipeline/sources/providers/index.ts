// Provider adapters by the name release.json uses (`"adapter": "wikimedia"`, ...): one small file per provider.
import type { SourceAdapter } from '../source.js';
import { clevelandAdapter } from './cleveland.js';
import { europeanaAdapter } from './europeana.js';
import { flickrAdapter } from './flickr.js';
import { metAdapter } from './met.js';
import { rawpixelAdapter } from './rawpixel.js';
import { smithsonianAdapter } from './smithsonian.js';
import { smkAdapter } from './smk.js';
import { wikimediaAdapter } from './wikimedia.js';

export const providerAdapters: Record<string, SourceAdapter> = {
  wikimedia: wikimediaAdapter,
  smithsonian: smithsonianAdapter,
  met: metAdapter,
  cleveland: clevelandAdapter,
  europeana: europeanaAdapter,
  smk: smkAdapter,
  rawpixel: rawpixelAdapter,
  flickr: flickrAdapter,
};
