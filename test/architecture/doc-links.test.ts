// Every path and link the docs name exists: backticked source paths, relative Markdown links and their #anchors.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { anchorOf, brokenRefs } from './doc-links.js';

const docs = execFileSync('git', ['ls-files', '*.md'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter(Boolean);

describe('docs', () => {
  it('name only files that exist and link only to headings that exist', () => {
    expect(docs.length).toBeGreaterThan(3);
    expect(docs.flatMap((doc) => brokenRefs(repoRoot, doc)).map((r) => `${r.doc}:${r.line} ${r.ref}`)).toEqual([]);
  });

  it('anchor headings as GitHub does', () => {
    expect(anchorOf('Run it locally: `npm start`')).toBe('run-it-locally-npm-start');
    expect(anchorOf('Measured figures (2 cores, shared with other work; commands reproduce them)')).toBe('measured-figures-2-cores-shared-with-other-work-commands-reproduce-them');
  });
});
