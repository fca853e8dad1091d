// How long a build's output stays valid as the clock moves on. The build time decides three things:
// which articles are published (embargo: published once `date` has passed), which are in the
// Google News sitemap (the two days up to the build time), and the date of a feed that has no
// articles. Between two such moments a later build of the same inputs gives the same bytes, so a
// build whose inputs did not change may skip all work (see build-record.ts).
import type { ParsedArticle } from '../types.js';

/** How far back the Google News sitemap reaches from the build time. */
export const NEWS_MAX_AGE_MS = 2 * 24 * 60 * 60 * 1000;

/** Build times from `from` (inclusive) to `until` (exclusive) give the same output. */
export interface TimeWindow {
  from: number;
  until: number;
}

/**
 * The window around `now` in which no article's state changes. An article dated `d` becomes
 * published at `d` and leaves the news sitemap just after `d + NEWS_MAX_AGE_MS`; drafts never
 * change with time. With no published article at all, the site feed is dated by the build time
 * itself, so only the very same build time gives the same output.
 */
export function outputTimeWindow(articles: readonly ParsedArticle[], now: number): TimeWindow {
  let from = -Infinity;
  let until = Infinity;
  let published = 0;
  for (const a of articles) {
    if (a.draft) continue;
    const d = a.date.epochMs;
    if (d <= now) published++;
    for (const moment of [d, d + NEWS_MAX_AGE_MS + 1]) {
      if (moment <= now) from = Math.max(from, moment);
      else until = Math.min(until, moment);
    }
  }
  return published === 0 ? { from: now, until: now + 1 } : { from, until };
}

export function isWithin(window: TimeWindow, now: number): boolean {
  return now >= window.from && now < window.until;
}
