// Head metadata: JSON-LD (NewsArticle, BreadcrumbList, WebSite) and Open Graph properties.
// Plain objects here; the template's jsonLd helper serializes them so that no text can end the
// <script> element (see scriptSafeJson).
import type { Config } from '../types.js';
import { absoluteUrls } from './absolute-urls.js';
import { HOME_URL } from './permalinks.js';
import type { ArticleView, Crumb, PageMeta } from './views.js';

const CONTEXT = 'https://schema.org';

export function articleMetadata(config: Config, article: ArticleView, crumbs: readonly Crumb[]): Partial<PageMeta> {
  const abs = absoluteUrls(config.baseUrl);
  const canonical = abs(article.url);
  const modified = article.updated ?? article.date;
  const image = article.image ? { ...article.image, url: new URL(article.image.src, canonical).href } : null;
  const newsArticle = {
    '@context': CONTEXT,
    '@type': 'NewsArticle',
    headline: article.title,
    ...(article.summary ? { description: article.summary } : {}),
    datePublished: article.date.iso,
    dateModified: modified.iso,
    author: article.authors.map((t) => ({ '@type': 'Person', name: t.name, url: abs(t.url) })),
    publisher: publisher(config),
    ...(image
      ? { image: [{ '@type': 'ImageObject', url: image.url, ...(image.width ? { width: image.width } : {}), ...(image.height ? { height: image.height } : {}) }] }
      : {}),
    inLanguage: config.locale,
    ...(article.section ? { articleSection: article.section.name } : {}),
    ...(article.tags.length > 0 ? { keywords: article.tags.map((t) => t.name).join(', ') } : {}),
    mainEntityOfPage: { '@type': 'WebPage', '@id': canonical },
    url: canonical,
  };
  const og = (property: string, content: string | number) => ({ property, content: String(content) });
  const openGraph = [
    og('article:published_time', article.date.iso),
    og('article:modified_time', modified.iso),
    ...article.authors.map((t) => og('article:author', abs(t.url))),
    ...(article.section ? [og('article:section', article.section.name)] : []),
    ...article.tags.map((t) => og('article:tag', t.name)),
    ...(image
      ? [
          og('og:image', image.url),
          ...(image.width ? [og('og:image:width', image.width)] : []),
          ...(image.height ? [og('og:image:height', image.height)] : []),
          ...(image.alt ? [og('og:image:alt', image.alt)] : []),
        ]
      : []),
  ];
  return { jsonLd: [newsArticle, breadcrumbList(config, crumbs, article.url)], openGraph, twitterCard: image ? 'summary_large_image' : 'summary' };
}

/** Lists, archive and topics: the breadcrumb trail; the home page: the WebSite. */
export function listMetadata(config: Config, crumbs: readonly Crumb[], url: string): Partial<PageMeta> {
  if (url === HOME_URL) {
    return {
      jsonLd: [
        { '@context': CONTEXT, '@type': 'WebSite', name: config.title, description: config.description, url: absoluteUrls(config.baseUrl)(HOME_URL), inLanguage: config.locale, publisher: publisher(config) },
      ],
    };
  }
  return crumbs.length > 0 ? { jsonLd: [breadcrumbList(config, crumbs, url)] } : {};
}

export function breadcrumbList(config: Config, crumbs: readonly Crumb[], pageUrl: string): object {
  const abs = absoluteUrls(config.baseUrl);
  return {
    '@context': CONTEXT,
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: abs(c.url ?? pageUrl) })),
  };
}

function publisher(config: Config): object {
  const base = config.publisher.url ?? config.baseUrl;
  const logo = config.publisher.logo;
  return {
    '@type': 'Organization',
    name: config.publisher.name,
    url: base,
    ...(logo ? { logo: { '@type': 'ImageObject', url: new URL(logo.src, config.baseUrl).href, width: logo.width, height: logo.height } } : {}),
  };
}
