// Unit tests of Range parsing: the forms HTTP allows, clamping, and unsatisfiable ranges.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../edge/src/services/errors.js';
import { parseRange } from '../../../edge/src/services/files.js';

describe('parseRange', () => {
  it('parses closed, open and suffix ranges, clamping to the size', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ offset: 0, length: 100 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ offset: 900, length: 100 });
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ offset: 900, length: 100 });
    expect(parseRange('bytes=-10', 1000)).toEqual({ suffix: 10 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ suffix: 1000 });
  });

  it('ignores absent, malformed and multi-range headers (full response)', () => {
    for (const h of [undefined, '', 'bytes=', 'bytes=-', 'items=0-1', 'bytes=0-1,5-6', 'bytes=a-b']) expect(parseRange(h, 1000)).toBeNull();
  });

  it('throws 416 with Content-Range for unsatisfiable ranges', () => {
    for (const h of ['bytes=1000-', 'bytes=5-1', 'bytes=-0']) {
      try {
        parseRange(h, 1000);
        expect.unreachable(h);
      } catch (e) {
        expect(e).toBeInstanceOf(ApiError);
        expect((e as ApiError).status).toBe(416);
        expect((e as ApiError).headers['Content-Range']).toBe('bytes */1000');
      }
    }
  });
});
