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
  return (date) => {
    if (!date) return '';
    const text = format.format(new Date(date.epochMs));
    // "1. April 2025 um 14:30" → "1. April 2025, 14:30 Uhr"; protected space after the day.
    return (withTime ? text.replace(/ um /, ', ') + '\u00a0Uhr' : text).replace(/^(\d{1,2}\.) /, '$1\u00a0');
  };
}

export function readingTime(words: number): string {
  return `${Math.max(1, Math.round(words / WORDS_PER_MINUTE))}\u00a0Min. Lesezeit`;
}

/** JSON for a <script type="application/ld+json"> element: nothing in it can end the element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
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
