// Absolute URLs for a whole build: canonical links, JSON-LD, feeds and sitemaps make one for
// nearly every page, and WHATWG URL parsing is the slow part. Site paths made of plain path
// characters are appended to the parsed base; anything else goes through `absoluteUrl`, which
// the result always equals.
import { absoluteUrl } from './permalinks.js';

/** Relative paths whose resolution is plain concatenation: no escapes, dot segments, query or fragment. */
const PLAIN_PATH = /^(?!\/)[A-Za-z0-9\-._~/]*$/;
const DOT_SEGMENT = /(?:^|\/)\.{1,2}(?:\/|$)/;

const resolvers = new Map<string, (url: string) => string>();

/** `absoluteUrl` bound to one base URL, remembered per base. */
export function absoluteUrls(baseUrl: string): (url: string) => string {
  let resolve = resolvers.get(baseUrl);
  if (!resolve) {
    resolve = resolver(baseUrl);
    if (resolvers.size > 100) resolvers.clear();
    resolvers.set(baseUrl, resolve);
  }
  return resolve;
}

function resolver(baseUrl: string): (url: string) => string {
  const base = new URL(baseUrl);
  const plainBase = (base.protocol === 'https:' || base.protocol === 'http:') && base.href.endsWith('/') && base.search === '' && !base.href.includes('#');
  if (!plainBase) return (url) => absoluteUrl(baseUrl, url);
  const href = base.href;
  return (url) => {
    const path = url.startsWith('/') ? url.slice(1) : url;
    return PLAIN_PATH.test(path) && !DOT_SEGMENT.test(path) ? href + path : absoluteUrl(baseUrl, url);
  };
}
