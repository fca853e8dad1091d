// The lists of a site (home, topics, authors, sections, months) and their pages. A list's front
// page shows its newest articles; the numbered pages behind it are counted from the oldest, so
// that page n keeps its articles as new ones arrive: a new article changes the front page and
// the newest numbered page (and makes a new one when that is full), not every page of the list.
import { authorUrl, HOME_URL, monthUrl, sectionUrl, tagUrl } from './permalinks.js';
import type { ListId, ListPageFact, TermKind } from './facts.js';

/** One article of a list: content-relative path, date (ms, for the order), slug (ties), its last modification (ms and ISO), and whether it is unpublished (drafts are listed in a preview). */
export type Member = [path: string, dateMs: number, slug: string, modMs: number, modIso: string, unpublished: boolean];

/** Members newest first: date descending, then slug. */
export type Members = Member[];

/**
 * Members as the store keeps them: each field one string, joined by NUL (no path, slug or date
 * holds one). The home list of a big site has a member per article, and a few strings decode
 * and encode an order of magnitude faster than as many arrays.
 */
export interface PackedMembers {
  count: number;
  paths: string;
  slugs: string;
  /** Date and modification in ms, alternating. */
  times: string;
  modIsos: string;
  /** '1' for an unpublished member, '0' for a published one. */
  unpublished: string;
}

export function packMembers(members: Members): PackedMembers {
  const field = (i: 0 | 2 | 4) => members.map((m) => m[i]).join('\u0000');
  return {
    count: members.length,
    paths: field(0),
    slugs: field(2),
    times: members.map((m) => `${m[1]}\u0000${m[3]}`).join('\u0000'),
    modIsos: field(4),
    unpublished: members.map((m) => (m[5] ? '1' : '0')).join(''),
  };
}

export function unpackMembers(packed: PackedMembers | undefined): Members {
  if (!packed || packed.count === 0) return [];
  const paths = packed.paths.split('\u0000');
  const slugs = packed.slugs.split('\u0000');
  const times = packed.times.split('\u0000');
  const modIsos = packed.modIsos.split('\u0000');
  const members: Members = new Array(packed.count);
  for (let i = 0; i < packed.count; i++) {
    members[i] = [paths[i] as string, Number(times[2 * i]), slugs[i] as string, Number(times[2 * i + 1]), modIsos[i] as string, packed.unpublished[i] === '1'];
  }
  return members;
}

export const HOME_LIST: ListId = 'home';
export const termList = (kind: TermKind, slug: string): ListId => `${kind}:${slug}`;
export const monthList = (year: number, month: number): ListId => `month:${year}-${String(month).padStart(2, '0')}`;

export type ListKind = 'home' | TermKind | 'month';

export function listKind(list: ListId): ListKind {
  return list === HOME_LIST ? 'home' : (list.slice(0, list.indexOf(':')) as ListKind);
}

/** The slug of a term list, or `yyyy-mm` of a month. */
export const listName = (list: ListId) => list.slice(list.indexOf(':') + 1);

export function listUrl(list: ListId): string {
  const kind = listKind(list);
  const name = listName(list);
  if (kind === 'home') return HOME_URL;
  if (kind === 'month') return monthUrl(Number(name.slice(0, 4)), Number(name.slice(5, 7)));
  return kind === 'tag' ? tagUrl(name) : kind === 'author' ? authorUrl(name) : sectionUrl(name);
}

/** Numbered pages of a list of `count` articles: none while the front page shows them all. */
export const numberedPages = (count: number, perPage: number) => (count > perPage ? Math.ceil(count / perPage) : 0);

/** The page numbers a list has: 0 (the front page) and its numbered pages. A list without articles has none, but the home list always has its front page. */
export function pagesOf(list: ListId, count: number, perPage: number): number[] {
  if (count === 0) return list === HOME_LIST ? [0] : [];
  return [0, ...Array.from({ length: numberedPages(count, perPage) }, (_, i) => i + 1)];
}

/** The numbered page (from 1) holding the article at newest-first index `i`. */
export const pageOfIndex = (count: number, perPage: number, i: number) => Math.floor((count - 1 - i) / perPage) + 1;

/** Page `n` of a list (0: the front page), as its fact. */
export function listPageFact(list: ListId, members: Members, n: number, perPage: number): ListPageFact {
  const count = members.length;
  const base = listUrl(list);
  const total = numberedPages(count, perPage);
  const url = (page: number) => (page === 0 ? base : `${base}seite/${page}/`);
  const [from, to] = n === 0 ? [0, Math.min(perPage, count)] : [count - Math.min(n * perPage, count), count - (n - 1) * perPage];
  const items = members.slice(from, to);
  const newest = newestOf(items);
  return {
    list,
    number: n,
    url: url(n),
    items: items.map((m) => m[0]),
    newerUrl: n === 0 ? null : n < total ? url(n + 1) : base,
    olderUrl: n === 0 ? (total > 0 ? url(pageOfIndex(count, perPage, perPage)) : null) : n > 1 ? url(n - 1) : null,
    lastmod: newest,
    count: n === 0 ? count : null,
  };
}

/** The last modification (ISO) of the newest-modified of `members` that is published, or null. */
export function newestOf(members: Members): string | null {
  let newest: Member | null = null;
  for (const m of members) if (!m[5] && (!newest || m[3] > newest[3])) newest = m;
  return newest ? newest[4] : null;
}

/** The newest-first position `member` has, or would have, in `members`. */
export function positionOf(members: Members, dateMs: number, slug: string): number {
  let lo = 0;
  let hi = members.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = members[mid] as Member;
    if (m[1] > dateMs || (m[1] === dateMs && m[2] < slug)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const newerFirst = (a: Member, b: Member) => b[1] - a[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);

/**
 * Takes `removed` paths out of `members` and puts `added` in, keeping the order; returns the new
 * list and the lowest oldest-first position that changed in either (every page from there on
 * may hold other articles now), or -1 when nothing changed.
 */
export function updateMembers(members: Members, removed: ReadonlySet<string>, added: readonly Member[]): { members: Members; firstChanged: number } {
  let firstChanged = Infinity;
  const kept: Members = [];
  members.forEach((m, i) => {
    if (removed.has(m[0])) firstChanged = Math.min(firstChanged, members.length - 1 - i);
    else kept.push(m);
  });
  if (added.length === 0) return { members: kept, firstChanged: firstChanged === Infinity ? -1 : firstChanged };
  const sorted = [...added].sort(newerFirst);
  const total = kept.length + sorted.length;
  const next: Members = [];
  let k = 0;
  for (const m of sorted) {
    while (k < kept.length && newerFirst(kept[k] as Member, m) < 0) next.push(kept[k++] as Member);
    firstChanged = Math.min(firstChanged, total - 1 - next.length);
    next.push(m);
  }
  while (k < kept.length) next.push(kept[k++] as Member);
  return { members: next, firstChanged };
}
