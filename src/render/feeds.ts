// RSS 2.0, Atom and JSON Feed for the site and each topic. (Placeholder.)
import type { SiteModel } from '../site/model.js';
import type { PageSpec } from '../site/plan.js';

export function feedSpecs(_model: SiteModel): PageSpec[] {
  return [];
}
