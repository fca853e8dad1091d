// The site model → every output file of the site, as specs: path, template or producer, and the
// inputs each page reads. All paths are known (and checked) before anything is rendered.
import { createHash } from 'node:crypto';
import { error } from '../diagnostics.js';
import type { AssetFile, Diagnostic, OutputFile } from '../types.js';
import type { Article, SiteModel, TermGroup } from './model.js';
import type { PageSpec, TemplatePage } from './page-spec.js';
import { paginate } from './paginate.js';
import { ARCHIVE_URL, feedLinks, HOME_URL, outputPathOf, TAGS_URL } from './permalinks.js';
import { collisionKey, unsafeOutputPath } from './output-path.js';
import { articleView, pageMeta, pagerView, siteView, teaserViews, type Crumb, type TeaserView } from './view-model.js';
import { articleMetadata, listMetadata } from './json-ld.js';
import { articleOfInput, placeInput, teaserInput } from './fingerprint.js';

export type { PageSpec, ProducedFile, TemplatePage } from './page-spec.js';

const HOME: Crumb = { name: 'Startseite', url: HOME_URL };

export function planAssets(assets: readonly AssetFile[]): { urls: Map<string, string>; specs: PageSpec[] } {
  const urls = new Map<string, string>();
  const specs: PageSpec[] = [];
  for (const asset of assets) {
    const name = asset.relPath.replace(/^assets\//, '');
    const hash = createHash('sha256').update(asset.bytes).digest('hex').slice(0, 10);
    const hashed = name.replace(/(\.[^./]+)?$/, (ext) => `.${hash}${ext}`);
    urls.set(name, `/assets/${hashed}`);
    specs.push({ kind: 'file', path: `assets/${hashed}`, inputs: [`asset:${name}`], contents: () => asset.bytes });
  }
  return { urls, specs };
}

/** `produced`: files made by other producers (feeds, sitemaps), planned with the pages so every path is checked together. */
export function plan(model: SiteModel, assets: { urls: ReadonlyMap<string, string>; specs: readonly PageSpec[] }, produced: readonly PageSpec[] = []): { specs: PageSpec[]; diagnostics: Diagnostic[] } {
  const site = siteView(model, assets.urls);
  const teaser = teaserViews();
  const { config } = model;
  const specs: PageSpec[] = [...assets.specs];
  const page = (path: string, template: string, inputs: readonly string[], context: () => object, key = '') => specs.push(templatePage(path, template, inputs, context, key));

  // Lists: the breadcrumb trail as JSON-LD (the WebSite on the home page).
  const listMeta = (fields: Parameters<typeof pageMeta>[1]) => pageMeta(model, { ...listMetadata(model, fields.breadcrumbs ?? [], fields.url), ...fields });

  for (const article of model.articles) specs.push(articlePage(model, site, article));

  const list = (path: string, template: string, items: readonly Article[], head: () => object, key: string) => specs.push(listPage(site, teaser, path, template, items, head, key));

  for (const pager of paginate(model.articles, config.perPage, HOME_URL)) {
    list(outputPathOf(pager.url), 'home', pager.items, () => ({
      page: listMeta({
        title: pager.number === 1 ? config.title : `${config.title} – Seite ${pager.number}`,
        url: pager.url,
        breadcrumbs: pager.number === 1 ? [] : [HOME, { name: `Seite ${pager.number}`, url: null }],
        pager: pagerView(pager),
      }),
    }), `${pager.number}/${pager.total}`);
  }

  const lists: [string, string, TermGroup[]][] = [
    ['Thema', 'Themen', model.tags],
    ['Autor', 'Autoren', model.authors],
    ['Ressort', 'Ressorts', model.sections],
  ];
  for (const [kind, , groups] of lists) {
    for (const group of groups) listPages(kind, group.term.name, group.term.url, group.articles, [HOME, ...(kind === 'Thema' ? [{ name: 'Themen', url: TAGS_URL }] : [])]);
  }
  for (const month of model.months) {
    const name = `${monthName(month.month)} ${month.year}`;
    listPages('Archiv', name, month.url, month.articles, [HOME, { name: 'Archiv', url: ARCHIVE_URL }]);
  }

  // The archive and the topic index show months and topics with their counts, no article.
  const years = groupYears(model);
  page(outputPathOf(ARCHIVE_URL), 'archive', [], () => ({
    site,
    page: listMeta({ title: `Archiv – ${config.title}`, url: ARCHIVE_URL, breadcrumbs: [HOME, { name: 'Archiv', url: null }] }),
    heading: 'Archiv',
    years,
  }), JSON.stringify(years));
  const topics = model.tags.map((g) => ({ name: g.term.name, url: g.term.url, count: g.articles.length }));
  page(outputPathOf(TAGS_URL), 'topics', [], () => ({
    site,
    page: listMeta({ title: `Themen – ${config.title}`, url: TAGS_URL, breadcrumbs: [HOME, { name: 'Themen', url: null }] }),
    heading: 'Themen',
    topics,
  }), JSON.stringify(topics));
  page('404.html', '404', [], () => ({
    site,
    page: pageMeta(model, { title: `Seite nicht gefunden – ${config.title}`, url: '/404.html', noindex: true }),
  }));

  specs.push(...produced);
  // Diagnostics name the article file as the user sees it (inputs hold content-relative paths).
  const displayPath = new Map(model.articles.map((a) => [a.relPath, a.file]));
  return { specs, diagnostics: checkPaths(specs, displayPath) };

  function listPages(kind: string, name: string, url: string, articles: Article[], crumbs: Crumb[]) {
    for (const pager of paginate(articles, config.perPage, url)) {
      list(outputPathOf(pager.url), 'list', pager.items, () => ({
        page: listMeta({
          ...(kind === 'Thema' ? { feeds: [...feedLinks(url, name), ...feedLinks('/', config.title)] } : {}),
          title: `${name}${pager.number > 1 ? ` – Seite ${pager.number}` : ''} – ${config.title}`,
          description: `${kind}: ${name} – alle Artikel bei ${config.title}`,
          url: pager.url,
          breadcrumbs: [...crumbs, { name, url: null }],
          pager: pagerView(pager),
        }),
        kind,
        heading: name,
        count: articles.length,
      }), `${kind}|${name}|${url}|${articles.length}|${pager.number}/${pager.total}`);
    }
  }
}

/** The page of one article (also rendered alone, for the dev server's early preview of an edit). */
export function articlePage(model: SiteModel, site: ReturnType<typeof siteView>, article: Article): PageSpec {
  const context = () => {
    const view = articleView(article);
    const crumbs: Crumb[] = [HOME, ...(article.sectionTerm ? [{ name: article.sectionTerm.name, url: article.sectionTerm.url }] : []), { name: article.title, url: null }];
    return {
      site,
      page: pageMeta(model, {
        title: article.title,
        description: article.summary ?? model.config.description,
        url: article.url,
        type: 'article',
        breadcrumbs: crumbs,
        noindex: article.unpublished,
        ...articleMetadata(model, article, crumbs),
      }),
      article: view,
    };
  };
  // "Mehr zum Thema" as the page shows it (titles and URLs of the targets are in their teasers too).
  const related = article.relatedLinks.map((l) => `${l.title}>${l.url ?? ''}>${l.external}`).join('\u0000');
  return templatePage(outputPathOf(article.url), 'article', articleInputs(article), context, related);
}

/**
 * A list page: its context is `site`, its head (the rest), and the teasers of its articles. Also
 * made again on its own, from the head and teasers a previous build stored (build-quick.ts).
 */
export function listPage(site: object, teaser: (a: Article) => TeaserView, path: string, template: string, items: readonly Article[], head: () => object, key: string): TemplatePage {
  return { ...templatePage(path, template, items.map((a) => teaserInput(a.relPath)), () => ({ site, ...head(), teasers: items.map((a) => teaser(a)) }), key), listHead: head };
}

/** A page rendered from a template: it reads the template and the settings besides `inputs`. */
function templatePage(path: string, template: string, inputs: readonly string[], context: () => object, key: string): TemplatePage {
  return { kind: 'template', path, template, inputs: [`template:${template}`, 'settings', ...inputs], context, key };
}

/** An article page shows its own data and the titles and URLs of the articles it links to. */
function articleInputs(article: Article): string[] {
  const inputs = [article.relPath];
  for (const link of article.relatedLinks) if (link.article) inputs.push(placeInput(link.article.relPath));
  for (const link of article.links) inputs.push(placeInput(link.target));
  return inputs;
}

function groupYears(model: SiteModel) {
  const years: { year: number; months: { name: string; url: string; count: number }[] }[] = [];
  for (const m of model.months) {
    let y = years.at(-1);
    if (y?.year !== m.year) years.push((y = { year: m.year, months: [] }));
    y.months.push({ name: monthName(m.month), url: m.url, count: m.articles.length });
  }
  return years;
}

const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];
export const monthName = (m: number) => MONTHS[m - 1] as string;

/** Every path is safe and unique, also on case-insensitive file systems. */
function checkPaths(specs: readonly PageSpec[], displayPath: ReadonlyMap<string, string>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, PageSpec>();
  const shown = (input: string) => displayPath.get(articleOfInput(input)?.relPath ?? input) ?? input;
  const articleInput = (spec: PageSpec) => spec.inputs.find((i) => articleOfInput(i) !== null);
  const sourceOf = (spec: PageSpec) => shown(articleInput(spec) ?? spec.inputs[0] ?? spec.path);
  for (const spec of specs) {
    const problem = unsafeOutputPath(spec.path);
    if (problem) {
      diagnostics.push(error(sourceOf(spec), 'output/unsafe-path', `The output path "${spec.path}" is refused: ${problem}.`));
      continue;
    }
    const key = collisionKey(spec.path);
    const other = seen.get(key);
    if (other) {
      // Named after an article where one is involved: its slug is what the editor can change.
      const [blamed, also] = articleInput(spec) || !articleInput(other) ? [spec, other] : [other, spec];
      diagnostics.push(error(sourceOf(blamed), 'output/collision', `"${spec.path}" would be written twice (also by ${articleInput(also) ? sourceOf(also) : also.path}). Give one of them another slug.`));
    } else {
      seen.set(key, spec);
    }
  }
  return diagnostics;
}

export type { OutputFile };
