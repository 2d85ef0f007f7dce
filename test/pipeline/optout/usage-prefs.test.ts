// IETF AI preferences (draft-ietf-aipref-vocab-07 / attach-05, plus earlier drafts' labels) and Cloudflare's Content-Signal: which values refuse AI training.
import { describe, expect, it } from 'vitest';
import { describeUsage, parseUsage, trainingRefusal } from '../../../pipeline/optout/usage-prefs.js';

describe('trainingRefusal', () => {
  it.each([
    ['train-ai=n', 'train-ai=n'],
    ['train-genai=n', 'train-genai=n'],
    ['search=y, train-ai=n', 'train-ai=n'],
    ['train-ai=n;source="cms", search=y', 'train-ai=n'],
    ['TRAIN-AI=N', 'train-ai=n'],
    ['train-ai="n"', 'train-ai=n'],
    // Repeated keys (two header lines, one field): any refusal wins, not the last value as a strict SF parser keeps.
    ['train-ai=n, train-ai=y', 'train-ai=n'],
    ['train-ai=y, train-ai=n', 'train-ai=n'],
    // A refusal of generative training refuses training for a catalogue of training data, whatever train-ai says.
    ['train-ai=y, train-genai=n', 'train-genai=n'],
    // Parents of training in earlier drafts apply unless a training label says y.
    ['bots=n', 'bots=n'],
    ['all=n, search=y', 'all=n'],
    ['tdm=n', 'tdm=n'],
    ['ai=n', 'ai=n'],
    // Cloudflare's Content-Signal.
    ['search=yes, ai-train=no', 'ai-train=n'],
    ['ai-input=no, ai-train=no, search=yes', 'ai-train=n'],
  ])('%s → refuses (%s)', (value, refusal) => {
    expect(trainingRefusal(value)).toBe(refusal);
  });

  it.each([
    ['train-ai=y'],
    ['search=n'],
    ['ai-use=n'],
    ['ai-input=no'],
    ['bots=n, train-ai=y'],
    ['train-ai'],
    ['train-ai=maybe'],
    ['train-aix=n'],
    [''],
    ['search=yes,ai-train=yes'],
  ])('%s → no refusal', (value) => {
    expect(trainingRefusal(value)).toBeUndefined();
  });

  it('reads commas inside quoted strings as part of the value, and describes what a value says', () => {
    expect(parseUsage('note="a, b", train-ai=n')).toEqual([
      ['note', undefined],
      ['train-ai', 'n'],
    ]);
    expect(describeUsage('search=y, train-ai=n, x')).toBe('search=y, train-ai=n, x=?');
  });

  it('reads only the first 8 KiB of a value (a header is never that long)', () => {
    expect(trainingRefusal(`${'x=y, '.repeat(2000)}train-ai=n`)).toBeUndefined();
    expect(trainingRefusal(`${'x=y, '.repeat(100)}train-ai=n`)).toBe('train-ai=n');
  });
});
