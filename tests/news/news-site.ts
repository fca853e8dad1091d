// A small news site for the tests of issue 3: topics, sections, authors, an update, an image,
// a headline that tries to end a <script> element, a draft and an embargoed article.
import { article, tempSite, type TempSite } from '../helpers/site.js';
import type { BuildResult } from '../../src/engine/options.js';

export const BASE = 'https://www.tagesblatt.example/';

export const SETTINGS = `title: "Tagesblatt"
description: "Nachrichten aus aller Welt"
base_url: "${BASE}"
publisher:
  name: "Tagesblatt"
  url: "${BASE}"
  logo: {src: "/logo.png", width: 600, height: 60}
default_author: "Redaktion"
per_page: 2
feed_limit: 3
feed_content: "full"
`;

export const DRAFT_MARK = 'Zebrafink';
export const EMBARGO_MARK = 'Kolibri';

export function newsFiles(settings = SETTINGS): Record<string, string> {
  return {
    'site.yml': settings,
    '2024/alt-energie.md': article({ title: 'Alte Energiepolitik im Rückblick', date: '2024-12-01T08:00', tags: ['Energie'], section: 'Wirtschaft', author: 'Anna Böhm' }, 'Die Energiepolitik und die Gaspreise im Rückblick auf das Jahr. Siehe auch [die Preise](../2025/gaspreise-steigen.md).'),
    '2025/energie-gipfel.md': article(
      { title: 'Energiegipfel in Berlin', date: '2025-03-01T10:00', summary: 'Die Minister beraten über Gaspreise.', tags: ['Energie', 'Russland'], section: 'Wirtschaft', author: 'Anna Böhm' },
      'Die Energieminister beraten in Berlin über die Gaspreise und die Versorgung mit Erdgas im Winter.',
    ),
    '2025/energie-folgen.md': article(
      { title: 'Folgen des Energiegipfels', date: '2025-03-20T10:00', updated: '2025-03-25T16:30', tags: ['Energie'], section: 'Wirtschaft', author: 'Jörg Köhler' },
      'Nach dem Energiegipfel steigen die Gaspreise weiter. Die Versorgung mit Erdgas bleibt knapp.',
    ),
    '2025/gaspreise-steigen.md':
      '---\ntitle: "Gaspreise steigen erneut"\ndate: "2025-04-01T09:00"\ntags: ["Energie", "Gaspreise"]\nsection: "Wirtschaft"\nauthor: "Jörg Köhler"\nsummary: "Erdgas wird teurer."\nimage: {src: "https://bilder.example/gas.jpg", alt: "Eine Gasleitung", width: 1200, height: 675}\n---\n\nDie Gaspreise steigen erneut, die Versorgung mit Erdgas wird teurer. Zum [Gipfel](energie-gipfel.md).\n',
    '2025/kultur-abend.md': article(
      { title: 'Ein Abend </script><script>alert(1)</script> im Theater', date: '2025-04-01T18:00', tags: ['Kultur'], section: 'Kultur', summary: 'Theater & Musik <b>live</b>.' },
      'Das Theater zeigt ein neues Stück über Musik und Gesellschaft.',
    ),
    '2025/geheim-entwurf.md': article({ title: `Geheimer Entwurf ${DRAFT_MARK}`, date: '2025-03-15', draft: true, tags: ['Energie', 'Entwurfsthema'], section: 'Entwurfsressort', author: 'Entwurf Autorin' }, `Gaspreise und Erdgas ${DRAFT_MARK}.`),
    '2025/sperrfrist-meldung.md': article({ title: `Sperrfrist ${EMBARGO_MARK}`, date: '2025-04-03T06:00', tags: ['Energie', 'Sperrthema'], author: 'Sperr Autor' }, `Gaspreise und Erdgas ${EMBARGO_MARK}.`),
  };
}

export function newsSite(settings?: string): TempSite {
  return tempSite(newsFiles(settings));
}

/** Output files of a build as text, by path. */
export function textFiles(result: BuildResult): Map<string, string> {
  if (!result.files) throw new Error(`build failed:\n${result.diagnostics.map((d) => `${d.file}:${d.line ?? ''} ${d.message}`).join('\n')}`);
  return new Map(result.files.map((f) => [f.path, typeof f.contents === 'string' ? f.contents : Buffer.from(f.contents).toString('utf8')]));
}
