// RSS 2.0, Atom 1.0 and JSON Feed 1 for the whole site and for each topic, written by the `feed`
// package. Newest first, at most `feedLimit` items, full text or summary; every date comes from
// the articles (the build time only dates a feed that has no articles at all).
import { Feed } from 'feed';
import type { Reads } from '../engine/reads.js';
import type { BuildContext } from '../site/page-builders.js';
import { absoluteUrls } from '../site/absolute-urls.js';
import { factKey, type ArticleFact, type FeedFact, type PlaceFact } from '../site/facts.js';
import { HOME_LIST, listName, listUrl } from '../site/lists.js';
import { feedUrls, tagUrl } from '../site/permalinks.js';
import type { FeedFormat } from '../site/recipes.js';
import { resolveLinks, termView } from '../site/views.js';

interface FeedItem {
  article: ArticleFact;
  authors: { name: string; url: string }[];
  tags: { name: string; slug: string }[];
  /** Body HTML with links resolved, read when the feed is written. */
  html: () => string;
  text: () => string;
}

/** The contents of one feed file of a list (the site's or a topic's), from what it reads now. */
export function feedFile(reads: Reads, ctx: BuildContext, list: string, format: FeedFormat): () => string {
  const { config } = ctx;
  const feed = reads.fact<FeedFact>(factKey.feed(list)) as FeedFact;
  const name = list === HOME_LIST ? null : termView(reads, 'tag', listName(list)).name;
  const title = name === null ? config.title : `${name} – ${config.title}`;
  const description = name === null ? config.description : `Alle Artikel zum Thema ${name} bei ${config.title}`;
  const items: FeedItem[] = feed.items.map((relPath) => {
    const article = reads.fact<ArticleFact>(factKey.article(relPath)) as ArticleFact;
    const urls = new Map(article.links.map((l) => [l.target, reads.fact<PlaceFact | null>(factKey.place(l.target))?.url ?? null]));
    return {
      article,
      authors: article.authors.map((slug) => termView(reads, 'author', slug)),
      tags: article.tags.map((slug) => ({ name: termView(reads, 'tag', slug).name, slug })),
      html: () => resolveLinks(ctx.body(article.contentKey).html, article.links.length > 0, (target) => urls.get(target) ?? null),
      text: () => ctx.body(article.contentKey).text,
    };
  });
  return () => {
    const built = createFeed(ctx, listUrl(list), title, description, items, feed.emptyAt);
    if (format === 'rss') return rssAuthors(built.rss2());
    if (format === 'atom') return built.atom1();
    return `${plainJsonSummaries(built.json1(), items)}\n`;
  };
}

function createFeed(ctx: BuildContext, folder: string, title: string, description: string, items: readonly FeedItem[], emptyAt: number | null): Feed {
  const { config } = ctx;
  const abs = absoluteUrls(config.baseUrl);
  const urls = feedUrls(folder);
  const newest = items.reduce((max, { article: a }) => Math.max(max, (a.updated ?? a.date).epochMs), 0);
  const feed = new Feed({
    id: abs(folder),
    title,
    description,
    link: abs(folder),
    language: config.language,
    updated: new Date(items.length > 0 ? newest : (emptyAt ?? 0)),
    generator: 'Blatt',
    copyright: `© ${config.publisher.name}`,
    feedLinks: { rss: abs(urls.rss), atom: abs(urls.atom), json: abs(urls.json) },
    ...(config.publisher.logo ? { image: abs(config.publisher.logo.src) } : {}),
    author: { name: config.publisher.name, ...(config.publisher.url ? { link: config.publisher.url } : {}) },
  });
  for (const item of items) {
    const a = item.article;
    const summary = summaryOf(item);
    feed.addItem({
      title: a.title,
      id: abs(a.url),
      link: abs(a.url),
      date: new Date((a.updated ?? a.date).epochMs),
      published: new Date(a.date.epochMs),
      // RSS description, Atom summary and JSON Feed content_html are HTML: the plain-text summary is escaped.
      description: escapeHtml(summary),
      ...(config.feedContent === 'full' ? { content: absoluteLinks(item.html(), config.baseUrl) } : {}),
      // feed 5 reads author[0] unguarded in JSON Feed: leave the key out when there is no author.
      ...(item.authors.length > 0 ? { author: item.authors.map((t) => ({ name: t.name, link: abs(t.url) })) } : {}),
      category: item.tags.map((t) => ({ name: t.name, domain: abs(tagUrl(t.slug)) })),
      ...(a.image && /^(https?:\/\/|\/)/.test(a.image.src) ? { image: abs(a.image.src) } : {}),
    });
  }
  return feed;
}

const summaryOf = (item: FeedItem) => item.article.summary ?? excerpt(item.text());

/** Feed readers do not know the site's address: site-relative links and images become absolute. */
export function absoluteLinks(html: string, baseUrl: string): string {
  return html.replace(/ (href|src)="\/(?!\/)/g, (_m, attr: string) => ` ${attr}="${baseUrl}`);
}

function excerpt(text: string, max = 280): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()} …`;
}

/** JSON Feed's `summary` is plain text (unlike RSS and Atom): it gets the summary unescaped. */
function plainJsonSummaries(json: string, items: readonly FeedItem[]): string {
  const feed = JSON.parse(json) as { items?: { summary?: string }[] };
  feed.items?.forEach((item, i) => {
    const source = items[i];
    if (item.summary !== undefined && source) item.summary = summaryOf(source);
  });
  return JSON.stringify(feed, null, 4);
}

/** RSS 2.0's <author> must be an e-mail address; names go into Dublin Core's <dc:creator>. */
function rssAuthors(xml: string): string {
  return xml.replace(/<author>([^<]*)<\/author>/g, '<dc:creator>$1</dc:creator>');
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
