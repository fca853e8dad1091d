// Automatic "Mehr zum Thema": completes the editor's links up to `relatedCount`.
// (Placeholder; the weighted inverted index lives here.)
import type { SiteModel } from './model.js';

export function completeRelated(_model: SiteModel): void {}
