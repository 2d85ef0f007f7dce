// Score helpers: nudity from class probabilities, and fixed-bin histograms for the build report.
import { NSFW } from '../models/registry.js';

/** nsfw = P(Porn) + P(Hentai) + P(Sexy) over nsfwjs's five classes (Drawing, Hentai, Neutral, Porn, Sexy). */
export function nsfwScore(probs: ArrayLike<number>): number {
  const at = (label: string) => probs[NSFW.labels.indexOf(label)] ?? 0;
  return clamp01(at('Porn') + at('Hentai') + at('Sexy'));
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** Rounds a score to 6 decimals so records are stable and compact. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export interface Histogram {
  /** Lower edges of the bins; bin i covers [edges[i], edges[i+1]) and the last includes 1. */
  edges: number[];
  counts: number[];
  /** Items without a score (safety off or unscored). */
  nulls: number;
}

export class ScoreHistogram {
  private counts: number[];
  private nulls = 0;
  constructor(private readonly bins = 10) {
    this.counts = new Array<number>(bins).fill(0);
  }

  add(score: number | null): void {
    if (score === null) {
      this.nulls++;
      return;
    }
    const i = Math.min(this.bins - 1, Math.max(0, Math.floor(score * this.bins)));
    this.counts[i]!++;
  }

  toJSON(): Histogram {
    const edges = Array.from({ length: this.bins + 1 }, (_, i) => round6(i / this.bins));
    return { edges, counts: [...this.counts], nulls: this.nulls };
  }
}
