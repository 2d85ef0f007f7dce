// Non-maximum suppression and the micro-batcher that groups nudity inferences.
import { describe, expect, it } from 'vitest';
import { iou, nms } from '../../../pipeline/models/nms.js';
import { Batcher } from '../../../pipeline/models/batcher.js';

const box = (x1: number, y1: number, x2: number, y2: number, score: number) => ({ x1, y1, x2, y2, score });

describe('nms', () => {
  it('keeps the best box of each overlapping cluster and separate boxes', () => {
    const a = box(0, 0, 10, 10, 0.9);
    const a2 = box(1, 1, 11, 11, 0.95);
    const b = box(20, 20, 30, 30, 0.8);
    expect(iou(a, a2)).toBeCloseTo(81 / 119, 6);
    expect(iou(a, b)).toBe(0);
    expect(nms([a, b, a2], 0.3)).toEqual([a2, b]);
    expect(nms([a, a2], 0.9)).toEqual([a2, a]);
    expect(nms([a, a2, b], 0.3, 1)).toEqual([a2]);
  });
});

describe('Batcher', () => {
  it('runs full batches at once and the remainder after the wait, preserving each caller’s result', async () => {
    const calls: number[][] = [];
    const batcher = new Batcher<number, number>(async (xs) => (calls.push(xs), xs.map((x) => x * 10)), 3, 20);
    const results = await Promise.all([1, 2, 3, 4, 5].map((x) => batcher.submit(x)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(calls).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('runs one batch at a time and sends what queued meanwhile as the next batch, without waiting', async () => {
    const calls: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const batcher = new Batcher<number, number>(async (xs) => {
      calls.push(xs);
      if (calls.length === 1) await gate;
      return xs.map((x) => -x);
    }, 4, 1);
    const first = batcher.submit(1);
    await new Promise((r) => setTimeout(r, 20)); // the first batch ([1]) is running
    const later = [2, 3, 4, 5, 6].map((x) => batcher.submit(x));
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([[1]]); // nothing else starts while it runs
    release();
    expect(await Promise.all([first, ...later])).toEqual([-1, -2, -3, -4, -5, -6]);
    expect(calls).toEqual([[1], [2, 3, 4, 5], [6]]);
  });

  it('rejects every caller of a failed batch', async () => {
    const batcher = new Batcher<number, number>(async () => Promise.reject(new Error('boom')), 2, 1);
    const r = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(r.map((x) => x.status)).toEqual(['rejected', 'rejected']);
  });
});
