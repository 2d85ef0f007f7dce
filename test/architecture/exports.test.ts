// Dead code: an export that no file imports and its own file does not use either (tests count as users).
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { unusedExports } from './exports.js';

describe('exports', () => {
  it('none is dead: each is imported somewhere, or at least used in its own file', () => {
    const dead = unusedExports(repoRoot).filter((u) => !u.usedInFile);
    expect(dead.map((u) => `${u.file}: ${u.name}`)).toEqual([]);
  });
});
