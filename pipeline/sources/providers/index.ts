// Provider adapters by the name release.json uses (`"adapter": "wikimedia"`, ...): one small file per provider.
import type { SourceAdapter } from '../source.js';
import { brooklynAdapter } from './brooklyn.js';
import { clevelandAdapter } from './cleveland.js';
import { europeanaAdapter } from './europeana.js';
import { finnishMuseumsAdapter } from './finnish-museums.js';
import { flickrAdapter } from './flickr.js';
import { inaturalistAdapter } from './inaturalist.js';
import { metAdapter } from './met.js';
import { museumsVictoriaAdapter } from './museums-victoria.js';
import { nyplAdapter } from './nypl.js';
import { openverseTsvAdapter } from './openverse-tsv.js';
import { rawpixelAdapter } from './rawpixel.js';
import { scienceMuseumAdapter } from './science-museum.js';
import { smithsonianAdapter } from './smithsonian.js';
import { smkAdapter } from './smk.js';
import { stocksnapAdapter } from './stocksnap.js';
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
  stocksnap: stocksnapAdapter,
  museumsvictoria: museumsVictoriaAdapter,
  brooklyn: brooklynAdapter,
  nypl: nyplAdapter,
  sciencemuseum: scienceMuseumAdapter,
  finnishmuseums: finnishMuseumsAdapter,
  inaturalist: inaturalistAdapter,
  'openverse-tsv': openverseTsvAdapter,
};
