// ai.txt: Spawning's generated files (file globs per media type) decide whether an image path may be used for training by ClearanceBot.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aiTxtDisallows, parseAiTxt } from '../../../pipeline/optout/ai-txt.js';
import { corpusDir, skipMessage } from '../../support/shared.js';

const optionsFile = join(corpusDir, 'optout/spawning-ai-txt-options.json');
const has = existsSync(optionsFile);

/** Builds an ai.txt the way Spawning's generator does, from its own options file. */
function spawningAiTxt(disallow: string[], allowRest = true): string {
  const o = JSON.parse(readFileSync(optionsFile, 'utf8')) as { options: { label: string; value: string }[]; userAgent: string; allow: string; disallow: string; pre: string };
  let out = o.pre + o.userAgent;
  for (const opt of o.options) {
    const globs = opt.value.split(',').map((g) => g.trim());
    const prefix = disallow.includes(opt.label) ? o.disallow : allowRest ? o.allow : undefined;
    if (prefix) out += globs.map((g) => `${prefix}${g}\n`).join('');
  }
  return out;
}

describe('ai.txt from Spawning options', () => {
  it.skipIf(!has)(has ? 'disallowing Images blocks every image extension, case-insensitively, and nothing else' : skipMessage('corpus'), () => {
    const file = parseAiTxt(spawningAiTxt(['Images']));
    for (const path of ['/a/b.jpg', '/B.JPEG', '/x/y.png?w=200', '/img.webp', '/scan.tif']) expect(aiTxtDisallows(file, path)).toMatch(/User-Agent: \*, Disallow: \*\./);
    for (const path of ['/a/b.mp3', '/index.html', '/jpg/readme.txt', '/a.jpgx']) expect(aiTxtDisallows(file, path)).toBeUndefined();
  });

  it.skipIf(!has)(has ? 'disallowing only Audio leaves images allowed' : skipMessage('corpus'), () => {
    const file = parseAiTxt(spawningAiTxt(['Audio']));
    expect(aiTxtDisallows(file, '/a/b.jpg')).toBeUndefined();
    expect(aiTxtDisallows(file, '/a/b.mp3')).toBeDefined();
  });
});

describe('ai.txt groups and global rules', () => {
  it('global disallow (Disallow: * and /) blocks everything', () => {
    const file = parseAiTxt('# Spawning AI\nUser-Agent: *\nDisallow: *\nDisallow: /\n');
    expect(aiTxtDisallows(file, '/anything.png')).toBeDefined();
  });

  it('a group naming ClearanceBot overrides *', () => {
    const file = parseAiTxt('User-Agent: *\nDisallow: /\n\nUser-Agent: ClearanceBot\nAllow: /\nDisallow: /private/*.png\n');
    expect(aiTxtDisallows(file, '/public/a.png')).toBeUndefined();
    expect(aiTxtDisallows(file, '/private/a.png')).toMatch(/User-Agent: ClearanceBot/);
  });

  it('groups for other agents do not apply to us', () => {
    const file = parseAiTxt('User-Agent: GPTBot\nDisallow: /\n');
    expect(aiTxtDisallows(file, '/a.png')).toBeUndefined();
  });

  it('an allowed directory with an image-glob disallow: longest match wins', () => {
    const file = parseAiTxt('User-Agent: *\nDisallow: *.png\nAllow: /open-access/\n');
    expect(aiTxtDisallows(file, '/open-access/a.png')).toBeUndefined();
    expect(aiTxtDisallows(file, '/gallery/a.png')).toBeDefined();
  });
});
