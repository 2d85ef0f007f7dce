// Sample cases for content exclusions: AI-generation markers in XMP (IPTC DigitalSourceType, a generator's CreatorTool) and hash blocklists.
import { sha256Hex } from '../util/hash.js';
import type { CaseModule, SampleCase } from './case.js';
import { drawImage } from './draw.js';

const CC0 = 'https://creativecommons.org/publicdomain/zero/1.0/';
const DST = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

const xmp = (body: string) =>
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">${body}</rdf:Description></rdf:RDF></x:xmpmeta>`;

export const contentCases: CaseModule = async () => {
  const picture = (seed: number, body: string) => ({ format: 'jpeg' as const, width: 320, height: 240, seed, xmp: xmp(body) });
  const c = (id: string, expect: SampleCase['expect'], seed: number, body: string): SampleCase => ({
    item: { id, title: id.replace(/-/g, ' '), licence: CC0 },
    picture: picture(seed, body),
    expect,
  });
  // A stand-in for a hotline's list: the sample's own picture, listed by its exact SHA-256.
  const listed = await drawImage({ format: 'jpeg', width: 320, height: 240, seed: 23_010 });
  return {
    files: { 'blocklists/sample-exact.txt': `# sample exact list (SHA-256, one a line)\n${sha256Hex(listed)}\n` },
    release: { blocklists: [{ name: 'sample-exact', sha256: 'blocklists/sample-exact.txt' }] },
    cases: [
      { item: { id: 'content-blocklisted-sha256', title: 'content blocklisted sha256', licence: CC0 }, picture: { bytes: listed, ext: 'jpg' }, expect: 'content.blocklisted' },
      c('content-ai-generated-iptc', 'content.ai-generated', 23_001, `<Iptc4xmpExt:DigitalSourceType>${DST}trainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>`),
      c('content-ai-generated-composite', 'content.ai-generated', 23_002, `<Iptc4xmpExt:DigitalSourceType rdf:resource="${DST}compositeWithTrainedAlgorithmicMedia"/>`),
      c('content-ai-generated-creator-tool', 'content.ai-generated-suspected', 23_003, '<xmp:CreatorTool>Midjourney v6.1</xmp:CreatorTool>'),
      c('content-digital-capture-ok', 'licence.cc0', 23_004, `<Iptc4xmpExt:DigitalSourceType>${DST}digitalCapture</Iptc4xmpExt:DigitalSourceType>`),
    ],
  };
};
