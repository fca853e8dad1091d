// Head metadata of articles: JSON-LD NewsArticle and BreadcrumbList, Open Graph. (Placeholder.)
import type { Article, SiteModel } from '../site/model.js';
import type { Crumb, PageMeta } from '../site/view-model.js';

export function articleMetadata(_model: SiteModel, _article: Article, _crumbs: Crumb[]): Partial<PageMeta> {
  return {};
}
