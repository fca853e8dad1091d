// How long a build's output stays valid as the clock moves on. The build time decides three things:
// which articles are published (embargo: published once `date` has passed), which are in the
// Google News sitemap (the two days up to the build time), and the date of a feed that has no
// articles. Between two such moments a later build of the same inputs gives the same bytes, so a
// pass whose sources did not change has no work (the site index keeps the moments).

/** How far back the Google News sitemap reaches from the build time. */
export const NEWS_MAX_AGE_MS = 2 * 24 * 60 * 60 * 1000;

/** Build times from `from` (inclusive) to `until` (exclusive) give the same output. */
export interface TimeWindow {
  from: number;
  until: number;
}

export function isWithin(window: TimeWindow, now: number): boolean {
  return now >= window.from && now < window.until;
}
