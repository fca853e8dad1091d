// sitemap.xml, Google News sitemap and robots.txt. (Placeholder.)
import type { SiteModel } from '../site/model.js';
import type { PageSpec } from '../site/plan.js';

export function sitemapSpecs(_model: SiteModel): PageSpec[] {
  return [];
}
