import { pageUrl } from './permalinks.js';

export interface Pager<T> {
  items: T[];
  number: number;
  total: number;
  url: string;
  prevUrl: string | null;
  nextUrl: string | null;
}

/** Splits `items` into pages of `size`; an empty list still has one (empty) page. */
export function paginate<T>(items: readonly T[], size: number, baseUrl: string): Pager<T>[] {
  const total = Math.max(1, Math.ceil(items.length / size));
  return Array.from({ length: total }, (_, i) => ({
    items: items.slice(i * size, (i + 1) * size),
    number: i + 1,
    total,
    url: pageUrl(baseUrl, i + 1),
    prevUrl: i > 0 ? pageUrl(baseUrl, i) : null,
    nextUrl: i + 1 < total ? pageUrl(baseUrl, i + 2) : null,
  }));
}
