// Sample cases for every opt-out signal (registry URL/domain/sha256, ai.txt, TDM-Rep file and header, X-Robots-Tag, XMP, C2PA, withdrawals) and an embedded licence conflict.
import { sha256Hex } from '../util/hash.js';
import { pngWithCaBX, trainingMiningManifestStore } from '../optout/c2pa-write.js';
import type { CaseModule, SampleCase } from './case.js';
import { drawImage } from './draw.js';

const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
const SPAWNING_IMAGE_GLOBS = ['*.bmp', '*.gif', '*.ico', '*.jpeg', '*.jpg', '*.png', '*.svg', '*.tif', '*.tiff', '*.webp', '*.eps', '*.ai', '*.indd', '*.heif', '*.raw', '*.psd', '*.cr2', '*.nef', '*.orf', '*.sr2'];
const SPAWNING_AUDIO_GLOBS = ['*.aac', '*.aiff', '*.flac', '*.m4a', '*.mp3', '*.ogg', '*.opus', '*.wav'];
/** Reserved example hosts only: recorded responses stand in for them, nothing is fetched for real. */
const CDN = 'https://optout-cdn.example.org/sample';

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
  };

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
  ];

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
    release: { optOut: { registry: 'optout/registry.txt', aiTxt: 'optout/ai-txt', tdmRep: 'optout/tdmrep' }, withdrawals: 'withdrawals.jsonl', fetched: 'fetched' },
  };
};
