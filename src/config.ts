// Site settings: one YAML file editors own (content/site.yml), validated like articles.
// Every setting has a public default, so a folder of Markdown files alone is a valid site.
import { z } from 'zod';
import { isValidTimeZone } from './content/dates.js';
import { isSafeUrl } from './content/remark/unsafe-urls.js';
import { parseYamlMap } from './content/yaml.js';
import { error, warning } from './diagnostics.js';
import type { Config, Diagnostic, SourceFile } from './types.js';

export { SETTINGS_FILE } from './settings-file.js';
import { SETTINGS_FILE } from './settings-file.js';

export const DEFAULT_CONFIG: Config = {
  title: 'Blatt',
  description: 'Nachrichten',
  baseUrl: 'http://localhost:8080/',
  language: 'de',
  locale: 'de-DE',
  timeZone: 'Europe/Berlin',
  publisher: { name: 'Blatt', url: null, logo: null },
  defaultAuthor: null,
  perPage: 20,
  feedLimit: 20,
  feedContent: 'full',
  relatedCount: 3,
};

const text = (key: string) => z.string({ error: `"${key}" must be text.` }).trim().min(1, { error: `"${key}" is empty.` });
const positiveInt = (key: string, max: number) =>
  z.number({ error: `"${key}" must be a whole number.` }).int({ error: `"${key}" must be a whole number.` }).min(1, { error: `"${key}" must be at least 1.` }).max(max, { error: `"${key}" must be at most ${max}.` });

const settingsSchema = z.strictObject(
  {
    title: text('title').optional(),
    description: text('description').optional(),
    base_url: text('base_url').optional(),
    language: text('language').optional(),
    locale: text('locale').optional(),
    time_zone: text('time_zone').optional(),
    publisher: z
      .strictObject({
        name: text('publisher.name'),
        url: text('publisher.url').optional(),
        logo: z
          .strictObject({ src: text('publisher.logo.src'), width: positiveInt('publisher.logo.width', 10000), height: positiveInt('publisher.logo.height', 10000) })
          .optional(),
      })
      .optional(),
    default_author: text('default_author').optional(),
    per_page: positiveInt('per_page', 1000).optional(),
    feed_limit: positiveInt('feed_limit', 1000).optional(),
    feed_content: z.enum(['full', 'summary'], { error: '"feed_content" is "full" or "summary".' }).optional(),
    related_count: positiveInt('related_count', 20).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Unknown setting ${issue.keys.map((k) => `"${k}"`).join(', ')}.` : undefined) },
);

export interface ConfigOverrides {
  baseUrl?: string;
}

export function parseConfig(source: SourceFile | null, overrides: ConfigOverrides = {}): { config: Config; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let config: Config = { ...DEFAULT_CONFIG };
  if (source) {
    const yaml = parseYamlMap(source.path, source.text);
    diagnostics.push(...yaml.diagnostics);
    if (yaml.ok) {
      const result = settingsSchema.safeParse(yaml.value.data);
      if (!result.success) {
        for (const issue of result.error.issues) {
          const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] as string] : issue.path;
          diagnostics.push(error(source.path, 'settings/invalid', issue.message, yaml.value.positionOf(path as (string | number)[])));
        }
      } else {
        const s = result.data;
        config = {
          title: s.title ?? config.title,
          description: s.description ?? config.description,
          baseUrl: s.base_url ?? config.baseUrl,
          language: s.language ?? config.language,
          locale: s.locale ?? config.locale,
          timeZone: s.time_zone ?? config.timeZone,
          publisher: s.publisher
            ? { name: s.publisher.name, url: s.publisher.url ?? null, logo: s.publisher.logo ?? null }
            : { ...config.publisher, name: s.title ?? config.publisher.name },
          defaultAuthor: s.default_author ?? null,
          perPage: s.per_page ?? config.perPage,
          feedLimit: s.feed_limit ?? config.feedLimit,
          feedContent: s.feed_content ?? config.feedContent,
          relatedCount: s.related_count ?? config.relatedCount,
        };
        if (!isValidTimeZone(config.timeZone)) {
          diagnostics.push(error(source.path, 'settings/time-zone', `"${config.timeZone}" is not a time zone. Use a name like "Europe/Berlin".`, yaml.value.positionOf(['time_zone'])));
          config.timeZone = DEFAULT_CONFIG.timeZone;
        }
        // URLs the templates put into href/src: absolute http(s) (publisher) or http(s)/relative (logo), never javascript: or data:.
        if (config.publisher.url !== null && normalizeBaseUrl(config.publisher.url) === null) {
          diagnostics.push(error(source.path, 'settings/url', `"publisher.url" must be an absolute http(s) URL, not "${config.publisher.url}".`, yaml.value.positionOf(['publisher', 'url'])));
          config.publisher = { ...config.publisher, url: null };
        }
        if (config.publisher.logo && !isSafeUrl(config.publisher.logo.src)) {
          diagnostics.push(error(source.path, 'settings/url', `"publisher.logo.src" must be an http(s) URL or a path, not "${config.publisher.logo.src}".`, yaml.value.positionOf(['publisher', 'logo', 'src'])));
          config.publisher = { ...config.publisher, logo: null };
        }
        if (config.language !== 'de') {
          diagnostics.push(warning(source.path, 'settings/language', `The templates are German; "language: ${config.language}" only changes the lang attribute.`, yaml.value.positionOf(['language'])));
        }
      }
    }
  }
  if (overrides.baseUrl !== undefined) config.baseUrl = overrides.baseUrl;
  const base = normalizeBaseUrl(config.baseUrl);
  if (base === null) {
    diagnostics.push(error(source?.path ?? SETTINGS_FILE, 'settings/base-url', `"${config.baseUrl}" is not an absolute http(s) URL. Write it like "https://www.example.de/".`));
    config.baseUrl = DEFAULT_CONFIG.baseUrl; // later stages must not trip over the bad value
  } else {
    config.baseUrl = base;
  }
  return { config, diagnostics };
}

/** An absolute http(s) URL that ends in "/". */
function normalizeBaseUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.search = '';
    url.hash = '';
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  } catch {
    return null;
  }
}
