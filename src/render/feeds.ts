// RSS 2.0, Atom 1.0 and JSON Feed 1 for the whole site and for each topic, written by the `feed`
// package. Newest first, at most `feedLimit` items, full text or summary; every date comes from
// the articles (the build time only dates a feed that has no articles at all).
import { Feed } from 'feed';
import type { Article, SiteModel, TermGroup } from '../site/model.js';
import { absoluteUrls } from '../site/absolute-urls.js';
import { feedUrls, tagUrl } from '../site/permalinks.js';
import type { FeedRecipe, PageSpec, ProducedFile } from '../site/page-spec.js';

export function feedSpecs(model: SiteModel): PageSpec[] {
  const texts = feedTexts(model);
  const add = (folder: string, title: string, description: string, articles: readonly Article[]) => feedFiles(model, { folder, title, description }, articles.slice(0, model.config.feedLimit), texts);
  const specs = add('/', model.config.title, model.config.description, model.articles);
  for (const group of model.tags) specs.push(...add(group.term.url, topicTitle(model, group), `Alle Artikel zum Thema ${group.term.name} bei ${model.config.title}`, group.articles));
  return specs;
}

/** The three files of one feed of `items` (also made again on their own, from stored articles: build-quick.ts). */
export function feedFiles(model: SiteModel, recipe: FeedRecipe, items: readonly Article[], texts = feedTexts(model)): ProducedFile[] {
  const { folder, title, description } = recipe;
  const inputs = ['settings', ...items.map((a) => a.relPath)];
  // What the inputs do not show (see fingerprint.ts): the titles, and the build time of an empty feed.
  const key = `${title}|${description}|${items.length === 0 ? model.now.iso : ''}`;
  let feed: Feed | null = null;
  const build = () => (feed ??= createFeed(model, folder, title, description, items, texts));
  const urls = feedUrls(folder);
  return [
    { kind: 'file', path: urls.rss.slice(1), inputs, key, feed: recipe, contents: () => rssAuthors(build().rss2()) },
    { kind: 'file', path: urls.atom.slice(1), inputs, key, feed: recipe, contents: () => build().atom1() },
    { kind: 'file', path: urls.json.slice(1), inputs, key, feed: recipe, contents: () => `${plainJsonSummaries(build().json1(), items, texts)}\n` },
  ];
}

export const topicTitle = (model: SiteModel, group: TermGroup) => `${group.term.name} – ${model.config.title}`;

interface FeedTexts {
  summary(a: Article): string;
  content(a: Article): string;
}

/**
 * An article's summary and full text as feeds show them, made once per build: the article is in
 * the site's feed and in the feed of each of its topics, and reading its body may decode it.
 */
function feedTexts(model: SiteModel): FeedTexts {
  const summaries = new WeakMap<Article, string>();
  const contents = new WeakMap<Article, string>();
  return {
    summary(a) {
      let text = summaries.get(a);
      if (text === undefined) summaries.set(a, (text = a.summary ?? excerpt(a.text)));
      return text;
    },
    content(a) {
      let html = contents.get(a);
      if (html === undefined) contents.set(a, (html = absoluteLinks(a.html, model.config.baseUrl)));
      return html;
    },
  };
}

function createFeed(model: SiteModel, folder: string, title: string, description: string, items: readonly Article[], texts: FeedTexts): Feed {
  const { config } = model;
  const abs = absoluteUrls(config.baseUrl);
  const urls = feedUrls(folder);
  const newest = items.reduce((max, a) => Math.max(max, (a.updated ?? a.date).epochMs), 0);
  const feed = new Feed({
    id: abs(folder),
    title,
    description,
    link: abs(folder),
    language: config.language,
    updated: new Date(items.length > 0 ? newest : model.now.epochMs),
    generator: 'Blatt',
    copyright: `© ${config.publisher.name}`,
    feedLinks: { rss: abs(urls.rss), atom: abs(urls.atom), json: abs(urls.json) },
    ...(config.publisher.logo ? { image: abs(config.publisher.logo.src) } : {}),
    author: { name: config.publisher.name, ...(config.publisher.url ? { link: config.publisher.url } : {}) },
  });
  for (const a of items) {
    const summary = texts.summary(a);
    feed.addItem({
      title: a.title,
      id: abs(a.url),
      link: abs(a.url),
      date: new Date((a.updated ?? a.date).epochMs),
      published: new Date(a.date.epochMs),
      // RSS description, Atom summary and JSON Feed content_html are HTML: the plain-text summary is escaped.
      description: escapeHtml(summary),
      ...(config.feedContent === 'full' ? { content: texts.content(a) } : {}),
      // feed 5 reads author[0] unguarded in JSON Feed: leave the key out when there is no author.
      ...(a.authorTerms.length > 0 ? { author: a.authorTerms.map((t) => ({ name: t.name, link: abs(t.url) })) } : {}),
      category: a.tagTerms.map((t) => ({ name: t.name, domain: abs(tagUrl(t.slug)) })),
      ...(a.image && /^(https?:\/\/|\/)/.test(a.image.src) ? { image: abs(a.image.src) } : {}),
    });
  }
  return feed;
}

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
function plainJsonSummaries(json: string, items: readonly Article[], texts: FeedTexts): string {
  const feed = JSON.parse(json) as { items?: { summary?: string }[] };
  feed.items?.forEach((item, i) => {
    const article = items[i];
    if (item.summary !== undefined && article) item.summary = texts.summary(article);
  });
  return JSON.stringify(feed, null, 4);
}

/** RSS 2.0's <author> must be an e-mail address; names go into Dublin Core's <dc:creator>. */
function rssAuthors(xml: string): string {
  return xml.replace(/<author>([^<]*)<\/author>/g, '<dc:creator>$1</dc:creator>');
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
