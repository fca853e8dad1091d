// A small but complete news site for the page tests: the real seed article plus articles with
// authors, sections, tags, an image, a long compound word, lists, code and a heading, and so few
// articles per page that home, topic and section lists are paginated. Built for real into a
// temporary folder (the browser and the validators read what the CLI would write).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { article, buildSite, REPO_CONTENT, tempSite, type TempSite } from '../helpers/site.js';

const SETTINGS = `title: "Blatt"
description: "Nachrichten aus Politik, Wirtschaft und Gesellschaft"
base_url: "https://blatt.example/"
language: "de"
time_zone: "Europe/Berlin"
publisher:
  name: "Blatt Verlag"
  url: "https://blatt.example/"
default_author: "Redaktion"
per_page: 2
`;

/** A landscape picture, served next to the pages like an uploaded photo. */
const PHOTO = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">
<rect width="1200" height="675" fill="#6b7f99"/><rect y="420" width="1200" height="255" fill="#8c6d4f"/>
<circle cx="900" cy="170" r="80" fill="#f2d16b"/></svg>
`;

const LONG_WORD = 'Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherung';

export const FIXTURE_ARTICLES: Record<string, string> = {
  '2025/experte-sanktionen.md': article(
    {
      title: 'Experte: Russland und China setzen sich gemeinsam gegen Sanktionen ein',
      date: '2025-03-28T09:30:00',
      summary: 'Ein Politikwissenschaftler erklärt, warum Moskau und Peking ihre Wirtschaftsbeziehungen ausbauen.',
      section: 'Ausland',
      authors: ['Anna Schmidt', 'Jörg Müller'],
      tags: ['Russland', 'China', 'Sanktionen'],
    },
    [
      'Die beiden Länder handeln zunehmend in eigenen Währungen, sagt der Experte.',
      '',
      '## Handel in Rubel und Yuan',
      '',
      'Drei Punkte seien entscheidend:',
      '',
      '- der Ausbau der Zahlungssysteme,',
      '- neue Pipelines und',
      '- gemeinsame Projekte in der Arktis.',
      '',
      '> “Die Sanktionen haben beide Länder enger zusammengeführt.”',
      '> — Prof. Dr. Maria Weber, Osteuropa-Institut',
      '',
      'Mehr dazu steht im [Bericht vom Kreml-Treffen](putin-wang-yi-kreml.md).',
    ].join('\n'),
  ),
  '2025/haushalt-bundestag.md': article(
    {
      title: 'Bundestag beschließt Haushalt für 2025 nach langer Debatte',
      date: '2025-03-14T18:05:00',
      updated: '2025-03-15T08:00:00',
      summary: 'Nach einer Sitzung bis in die Nacht steht der Etat; die Opposition kündigt Widerstand an.',
      section: 'Inland',
      author: 'Jörg Müller',
      tags: ['Haushalt', 'Bundestag'],
    },
    [
      'Der Bundestag hat den Haushalt beschlossen. Die Abstimmung dauerte bis kurz nach Mitternacht.',
      '',
      '1. Verteidigung: 52 Mrd. Euro',
      '2. Bildung: 21 Mrd. Euro',
      '',
      'Die Tabelle der Ausgaben steht unter https://www.bundeshaushalt.de/static/daten/2025/soll/draftHH2025-sehr-langer-pfad-ohne-umbruch.pdf zum Herunterladen bereit.',
      '',
      'Der Finanzminister sprach von einem „Haushalt der Verantwortung“, z. B. bei den Investitionen. Der Code des Beschlusses lautet `HH-2025-01`:',
      '',
      '```',
      'Beschluss HH-2025-01: angenommen mit 367 Ja-Stimmen, 298 Nein-Stimmen und 12 Enthaltungen (namentliche Abstimmung)',
      '```',
    ].join('\n'),
  ),
  '2025/versicherung.md': article(
    {
      title: `${LONG_WORD} erhöht Beiträge`,
      date: '2025-02-03T07:00:00',
      summary: 'Ein Wort mit 67 Buchstaben, und es passt trotzdem auf jedes Telefon.',
      section: 'Wirtschaft',
      author: 'Anna Schmidt',
      tags: ['Versicherungen'],
    },
    `Die ${LONG_WORD} teilte mit, dass die Beiträge steigen.`,
  ),
  '2025/hafen.md': [
    '---',
    'title: "Neuer Containerterminal im Hamburger Hafen eröffnet"',
    'date: 2025-01-20T11:00:00',
    'summary: "Das Terminal soll die Abfertigung großer Schiffe beschleunigen."',
    'section: "Wirtschaft"',
    'author: "Anna Schmidt"',
    'tags: ["Hamburg", "Schifffahrt"]',
    'image:',
    '  src: "/bilder/hafen.svg"',
    '  alt: "Containerbrücken im Hamburger Hafen bei Sonnenschein"',
    '  caption: "Das neue Terminal am Waltershofer Hafen."',
    '  credit: "Blatt/Archiv"',
    '  width: 1200',
    '  height: 675',
    'related:',
    '  - "haushalt-bundestag"',
    '  - title: "Hafen Hamburg: Zahlen und Fakten"',
    '    url: "https://www.hafen-hamburg.de/de/statistiken/"',
    '---',
    '',
    'Der Hamburger Hafen hat ein neues Terminal eröffnet. Es ist für Schiffe mit bis zu 24.000 Containern ausgelegt.',
    '',
  ].join('\n'),
};

export const FIXTURE_URLS = {
  article: '/2025/04/putin-lobt-zusammenarbeit/',
  imageArticle: '/2025/01/hafen/',
  longLines: '/2025/03/haushalt-bundestag/',
  home: '/',
  home2: '/seite/2/',
  topic: '/thema/russland/',
  author: '/autor/anna-schmidt/',
  section: '/ressort/wirtschaft/',
  month: '/archiv/2025/03/',
  archive: '/archiv/',
  topics: '/thema/',
  notFound: '/gibt-es-nicht/',
} as const;

/** Builds the fixture site into `<site>/public` and adds the photo; the caller removes the site. */
export async function buildFixtureSite(): Promise<TempSite> {
  const site = tempSite({
    'site.yml': SETTINGS,
    '2025/putin-wang-yi-kreml.md': readFileSync(join(REPO_CONTENT, '2025/putin-wang-yi-kreml.md'), 'utf8'),
    ...FIXTURE_ARTICLES,
  });
  const result = await buildSite(site, { write: true });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !result.files) throw new Error(`fixture site does not build: ${JSON.stringify(result.diagnostics)}`);
  site.write('public/bilder/hafen.svg', PHOTO);
  return site;
}
