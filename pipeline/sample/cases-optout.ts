// Sample cases for every opt-out signal (registry, ai.txt, TDM-Rep, robots.txt, AI preferences, landing pages, X-Robots-Tag, XMP, C2PA, withdrawals) and embedded licence conflicts.
import { sha256Hex } from '../util/hash.js';
import { pngWithCaBX, trainingMiningManifestStore } from './c2pa-write.js';
import type { CaseModule, SampleCase } from './case.js';
import { drawImage } from './draw.js';
import sharp from 'sharp';

const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
const SPAWNING_IMAGE_GLOBS = ['*.bmp', '*.gif', '*.ico', '*.jpeg', '*.jpg', '*.png', '*.svg', '*.tif', '*.tiff', '*.webp', '*.eps', '*.ai', '*.indd', '*.heif', '*.raw', '*.psd', '*.cr2', '*.nef', '*.orf', '*.sr2'];
const SPAWNING_AUDIO_GLOBS = ['*.aac', '*.aiff', '*.flac', '*.m4a', '*.mp3', '*.ogg', '*.opus', '*.wav'];
/** Reserved example hosts only: recorded responses stand in for them, nothing is fetched for real. */
const CDN = 'https://optout-cdn.example.org/sample';
/** When the sample's robots.txt and landing pages were "fetched" (fixed: the sample is deterministic). */
const FETCHED_AT = '2026-11-20T09:00:00.000Z';

const xmp = (body: string) =>
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/" xmlns:cc="http://creativecommons.org/ns#" xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/">${body}</rdf:Description></rdf:RDF></x:xmpmeta>`;
const aiTxt = (globs: string[]) => `# Spawning AI\n# Prevent datasets from using the following file types\n\nUser-Agent: *\n${globs.map((g) => `Disallow: ${g}`).join('\n')}\n`;

export const optoutCases: CaseModule = async () => {
  const picture = (seed: number, format: 'jpeg' | 'png' = 'jpeg') => ({ format, width: 320, height: 240, seed });
  const shaListed = await drawImage(picture(20_003));
  const shaWithdrawn = await drawImage(picture(20_011));
  const c2pa = pngWithCaBX(await drawImage(picture(20_009, 'png')), trainingMiningManifestStore({ 'c2pa.ai_training': 'notAllowed', 'c2pa.ai_generative_training': 'notAllowed', 'c2pa.data_mining': 'notAllowed', 'c2pa.ai_inference': 'allowed' }));
  const recorded = {
    'noai.jpg': { bytes: await drawImage(picture(20_020)), headers: { 'Content-Type': 'image/jpeg', 'X-Robots-Tag': 'noai, noimageai' } },
    'agent.jpg': { bytes: await drawImage(picture(20_021)), headers: { 'Content-Type': 'image/jpeg', 'X-Robots-Tag': 'googlebot: noindex, ClearanceBot: noimageai' } },
    'other-agent.jpg': { bytes: await drawImage(picture(20_022)), headers: { 'Content-Type': 'image/jpeg', 'X-Robots-Tag': 'GPTBot: noai' } },
    'tdm.jpg': { bytes: await drawImage(picture(20_023)), headers: { 'Content-Type': 'image/jpeg', 'tdm-reservation': '1', 'tdm-policy': 'https://optout-cdn.example.org/tdm-policy.json' } },
    // Two tdm-reservation lines (0 then 1) arrive as one comma-joined field: any reservation wins.
    'tdm-twice.jpg': { bytes: await drawImage(picture(20_024)), headers: { 'Content-Type': 'image/jpeg', 'tdm-reservation': '0, 1' } },
    'noai-spaces.jpg': { bytes: await drawImage(picture(20_025)), headers: { 'Content-Type': 'image/jpeg', 'X-Robots-Tag': 'noindex noai' } },
    'aipref.jpg': { bytes: await drawImage(picture(20_026)), headers: { 'Content-Type': 'image/jpeg', 'Content-Usage': 'search=y, train-genai=n' } },
    'aipref-search-only.jpg': { bytes: await drawImage(picture(20_027)), headers: { 'Content-Type': 'image/jpeg', 'Content-Usage': 'search=n' } },
  };
  const exifCopyright = await sharp(await drawImage(picture(20_028))).withExif({ IFD0: { Copyright: '© 2024 Sample Agency, all rights reserved' } }).jpeg().toBuffer();

  const c = (id: string, expect: SampleCase['expect'], rest: Omit<SampleCase, 'item' | 'expect'> & { item?: Partial<SampleCase['item']> }): SampleCase => ({
    ...rest,
    item: { title: id.replace(/-/g, ' '), licence: CC0, ...rest.item, id },
    expect,
  });
  const cases: SampleCase[] = [
    c('optout-registry-url', 'optout.registry', { item: { sourceUrl: 'https://dnt-listed.example.com/works/1' }, picture: picture(20_001) }),
    c('optout-registry-domain', 'optout.registry', { item: { sourceUrl: 'https://www.dnt-domain.example.net/item/2' }, picture: picture(20_002) }),
    c('optout-registry-sha256', 'optout.registry', { picture: { bytes: shaListed, ext: 'jpg' } }),
    c('optout-ai-txt-images', 'optout.ai-txt', { item: { sourceUrl: 'https://noai.example.org/record/4' }, picture: picture(20_004, 'png') }),
    c('optout-ai-txt-audio-only-ok', 'licence.cc0', { item: { sourceUrl: 'https://noaudio.example.org/record/5' }, picture: picture(20_005) }),
    c('optout-tdm-rep-file', 'optout.tdm-rep', { item: { sourceUrl: 'https://tdm-reserved.example.com/art/6' }, picture: picture(20_006) }),
    c('optout-tdm-rep-file-open-ok', 'licence.cc0', { item: { sourceUrl: 'https://tdm-reserved.example.com/open/7' }, picture: picture(20_007) }),
    c('optout-embedded-xmp', 'optout.embedded', { picture: { ...picture(20_008), xmp: xmp('<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING</plus:DataMining>') } }),
    c('optout-embedded-xmp-allowed-ok', 'licence.cc0', { picture: { ...picture(20_012), xmp: xmp('<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-ALLOWED</plus:DataMining>') } }),
    c('optout-embedded-c2pa', 'optout.embedded', { picture: { bytes: c2pa, ext: 'png' } }),
    c('licence-conflict-embedded-cc-by', 'licence.conflict', { picture: { ...picture(20_010), xmp: xmp('<cc:license rdf:resource="https://creativecommons.org/licenses/by/4.0/"/>') } }),
    c('licence-embedded-cc0-agrees-ok', 'licence.cc0', { picture: { ...picture(20_013), xmp: xmp(`<cc:license rdf:resource="${CC0}"/>`) } }),
    c('optout-withdrawn-id', 'optout.withdrawn', { picture: picture(20_014) }),
    c('optout-withdrawn-sha256', 'optout.withdrawn', { picture: { bytes: shaWithdrawn, ext: 'jpg' } }),
    c('optout-robots-header-noai', 'optout.robots-header', { item: { image: `${CDN}/noai.jpg` } }),
    c('optout-robots-header-our-agent', 'optout.robots-header', { item: { image: `${CDN}/agent.jpg` } }),
    c('optout-robots-header-other-agent-ok', 'licence.cc0', { item: { image: `${CDN}/other-agent.jpg` } }),
    c('optout-tdm-rep-header', 'optout.tdm-rep', { item: { image: `${CDN}/tdm.jpg` } }),
    c('optout-tdm-rep-header-repeated', 'optout.tdm-rep', { item: { image: `${CDN}/tdm-twice.jpg` } }),
    c('optout-robots-header-spaces', 'optout.robots-header', { item: { image: `${CDN}/noai-spaces.jpg` } }),
    c('optout-embedded-xmp-linked-rights', 'optout.embedded', { picture: { ...picture(20_029), xmp: xmp('<plus:DataMining>http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-SEELINKEDRIGHTSEXPR</plus:DataMining>') } }),
    c('licence-conflict-exif-copyright', 'licence.conflict', { picture: { bytes: exifCopyright, ext: 'jpg' } }),
    c('optout-robots-txt-gptbot', 'optout.robots-txt', { item: { sourceUrl: 'https://robots-blocked.example.org/art/1' }, picture: picture(20_030) }),
    c('optout-robots-txt-our-agent', 'optout.robots-txt', { item: { sourceUrl: 'https://robots-ours.example.org/collection/2' }, picture: picture(20_031) }),
    c('optout-robots-txt-assistant-only-ok', 'licence.cc0', { item: { sourceUrl: 'https://robots-assistant.example.org/art/3' }, picture: picture(20_032) }),
    c('optout-content-usage-robots-txt', 'optout.content-usage', { item: { sourceUrl: 'https://aipref.example.net/art/4' }, picture: picture(20_033) }),
    c('optout-content-usage-robots-txt-open-ok', 'licence.cc0', { item: { sourceUrl: 'https://aipref.example.net/open/5' }, picture: picture(20_034) }),
    c('optout-content-usage-header', 'optout.content-usage', { item: { image: `${CDN}/aipref.jpg` } }),
    c('optout-content-usage-search-only-ok', 'licence.cc0', { item: { image: `${CDN}/aipref-search-only.jpg` } }),
    c('optout-robots-meta-noai', 'optout.robots-meta', { item: { sourceUrl: 'https://landing.example.com/work/6' }, picture: picture(20_035) }),
    c('optout-robots-meta-our-agent', 'optout.robots-meta', { item: { sourceUrl: 'https://landing.example.com/work/7' }, picture: picture(20_036) }),
    c('optout-robots-meta-noindex-ok', 'licence.cc0', { item: { sourceUrl: 'https://landing.example.com/work/8' }, picture: picture(20_037) }),
  ];
  const page = (robots: string[], ours: string[] = []) => ({ fetchedAt: FETCHED_AT, status: 200, robots, ours, headers: {} });

  const files: Record<string, string | Buffer> = {
    'optout/registry.txt': [
      '# Do Not Train registry snapshot (sample)',
      'https://dnt-listed.example.com/works/1',
      'domain:dnt-domain.example.net',
      `sha256:${sha256Hex(shaListed)}`,
      '',
    ].join('\n'),
    'optout/ai-txt/noai.example.org.txt': aiTxt(SPAWNING_IMAGE_GLOBS),
    'optout/ai-txt/noaudio.example.org.txt': aiTxt(SPAWNING_AUDIO_GLOBS),
    'optout/robots-txt/robots-blocked.example.org.txt': 'User-agent: *\nDisallow: /private/\n\nUser-agent: GPTBot\nUser-agent: CCBot\nDisallow: /\n',
    'optout/robots-txt/robots-ours.example.org.txt': 'User-agent: *\nDisallow: /collection/\n',
    'optout/robots-txt/robots-assistant.example.org.txt': 'User-agent: ChatGPT-User\nUser-agent: Perplexity-User\nDisallow: /\n\nUser-agent: *\nAllow: /\n',
    'optout/robots-txt/aipref.example.net.txt': 'User-Agent: *\nAllow: /\nContent-Usage: / train-ai=n\nContent-Usage: /open/ train-ai=y\n',
    'optout/robots-txt/.fetched.json': `${JSON.stringify(Object.fromEntries(['aipref.example.net', 'robots-assistant.example.org', 'robots-blocked.example.org', 'robots-ours.example.org'].map((h) => [h, { at: FETCHED_AT, outcome: 'saved', status: 200 }])))}\n`,
    'optout/pages/landing.example.com.json': JSON.stringify({
      pages: {
        'https://landing.example.com/work/6': page(['noai, noimageai']),
        'https://landing.example.com/work/7': page(['index, follow'], ['noimageai']),
        'https://landing.example.com/work/8': page(['noindex']),
      },
    }),
    'optout/tdmrep/tdm-reserved.example.com.json': JSON.stringify([
      { location: '/open/*', 'tdm-reservation': 0 },
      { location: '/*', 'tdm-reservation': 1, 'tdm-policy': 'https://tdm-reserved.example.com/policy.json' },
    ]),
    'withdrawals.jsonl':
      [
        { id: 'sample:optout-withdrawn-id', reason: 'rights holder asked for removal', at: '2026-11-01T00:00:00Z' },
        { sha256: sha256Hex(shaWithdrawn), reason: 'takedown notice for this file', at: '2026-11-02T00:00:00Z' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n') + '\n',
    'fetched/index.jsonl':
      Object.keys(recorded)
        .map((name) => JSON.stringify({ url: `${CDN}/${name}`, status: 200, headers: recorded[name as keyof typeof recorded].headers, body: `bodies/optout-${name}` }))
        .join('\n') + '\n',
  };
  for (const [name, r] of Object.entries(recorded)) files[`fetched/bodies/optout-${name}`] = r.bytes;
  return {
    cases,
    files,
    release: { optOut: { registry: 'optout/registry.txt', aiTxt: 'optout/ai-txt', tdmRep: 'optout/tdmrep', robotsTxt: 'optout/robots-txt', pages: 'optout/pages' }, withdrawals: 'withdrawals.jsonl', fetched: 'fetched' },
  };
};
