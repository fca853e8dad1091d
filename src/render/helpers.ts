// Template helpers: German dates, ISO date-times with offset, reading time, asset URLs, JSON-LD.
// Created per build, because they close over the site's time zone and asset names.
import type { HelperDelegate } from 'handlebars';
import { zonedDate } from '../content/dates.js';
import type { ZonedDate } from '../types.js';

type DateLike = Pick<ZonedDate, 'epochMs'> & Partial<Pick<ZonedDate, 'iso'>> | null | undefined;

export const WORDS_PER_MINUTE = 220;

export function germanDateFormatter(timeZone: string, withTime = false): (date: DateLike) => string {
  const format = new Intl.DateTimeFormat('de-DE', {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
  });
  // An article's date appears on its own page and on every list that shows it: format it once.
  const formatted = new Map<number, string>();
  return (date) => {
    if (!date) return '';
    let result = formatted.get(date.epochMs);
    if (result === undefined) {
      const text = format.format(new Date(date.epochMs));
      // "1. April 2025 um 14:30" → "1. April 2025, 14:30 Uhr"; protected space after the day.
      result = (withTime ? text.replace(/ um /, ', ') + '\u00a0Uhr' : text).replace(/^(\d{1,2}\.) /, '$1\u00a0');
      formatted.set(date.epochMs, result);
    }
    return result;
  };
}

export function readingTime(words: number): string {
  return `${Math.max(1, Math.round(words / WORDS_PER_MINUTE))}\u00a0Min. Lesezeit`;
}

// One pass over the JSON instead of one per character (JSON-LD of every page goes through here).
const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;
const SCRIPT_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** JSON for a <script type="application/ld+json"> element: nothing in it can end the element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(SCRIPT_UNSAFE, (c) => SCRIPT_ESCAPES[c] as string);
}

export interface HelperOptions {
  timeZone: string;
  /** Asset name (relative to templates/assets/) → hashed URL. */
  assets: ReadonlyMap<string, string>;
  SafeString: new (s: string) => unknown;
}

export function createHelpers({ timeZone, assets, SafeString }: HelperOptions): Record<string, HelperDelegate> {
  const longDate = germanDateFormatter(timeZone);
  const longDateTime = germanDateFormatter(timeZone, true);
  return {
    formatDate: (date: DateLike) => longDate(date),
    formatDateTime: (date: DateLike) => longDateTime(date),
    isoDate: (date: DateLike) => (date ? date.iso ?? zonedDate(date.epochMs, timeZone).iso : ''),
    readingTime: (words: number) => readingTime(words),
    asset: (name: string) => {
      const url = assets.get(name);
      if (url === undefined) throw new Error(`asset "${name}" does not exist in templates/assets/`);
      return url;
    },
    jsonLd: (value: unknown) => new SafeString(scriptSafeJson(value)),
    eq: (a: unknown, b: unknown) => a === b,
    gt: (a: number, b: number) => a > b,
  };
}

export const HELPER_NAMES = ['formatDate', 'formatDateTime', 'isoDate', 'readingTime', 'asset', 'jsonLd', 'eq', 'gt'];
