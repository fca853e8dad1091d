// Case 10: determinism. Two clones in different folders, built with different TZ, with files
// created in different orders (so the disk lists them differently), give byte-identical public/.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { article, tempSite, type TempSite } from '../helpers/site.js';
import { runCli, snapshot } from './harness.js';

function files(): [string, string][] {
  const out: [string, string][] = [['site.yml', 'title: "Blatt"\nbase_url: "https://www.example.de/"\n']];
  for (let i = 0; i < 40; i++) {
    // Same date and time for several articles: order must come from tie-breakers, not the disk.
    out.push([
      `${2024 + (i % 2)}/${i % 3 === 0 ? 'politik' : 'kultur'}/meldung-${i}.md`,
      article({ title: `Meldung ${i}`, date: `2025-0${1 + (i % 3)}-0${1 + (i % 5)}T0${i % 4}:00`, tags: [`Thema ${i % 5}`, 'Alle'], author: `Autorin ${i % 3}` }, `Text ${i} über Köln.\n\n[Andere](/2025/01/meldung-${(i + 1) % 40}/)`),
    ]);
  }
  out.push(['2025/zukunft.md', article({ title: 'Sperrfrist', date: '2025-04-02T12:30' })]);
  return out;
}

function clone(order: 'forward' | 'reverse' | 'shuffled'): TempSite {
  const list = files();
  if (order === 'reverse') list.reverse();
  if (order === 'shuffled') list.sort((a, b) => (a[0].length * 7919 + a[0].charCodeAt(a[0].length - 4)) % 97 - (b[0].length * 7919 + b[0].charCodeAt(b[0].length - 4)) % 97);
  const site = tempSite();
  for (const [p, t] of list) site.write(`content/${p}`, t);
  return site;
}

test('builds in different folders, time zones and file orders are byte-identical', () => {
  const runs: [string, 'forward' | 'reverse' | 'shuffled'][] = [
    ['UTC', 'forward'],
    ['America/Los_Angeles', 'reverse'],
    ['Asia/Kolkata', 'shuffled'],
    ['Pacific/Chatham', 'forward'],
  ];
  const results: Map<string, string>[] = [];
  const sites: TempSite[] = [];
  try {
    for (const [tz, order] of runs) {
      const site = clone(order);
      sites.push(site);
      const r = runCli(site.root, ['build', '--no-cache'], { TZ: tz, LANG: tz === 'UTC' ? 'C.UTF-8' : 'de_DE.UTF-8' });
      assert.equal(r.status, 0, `${tz}: ${r.stderr}`);
      results.push(snapshot(site.out));
    }
    const [first, ...rest] = results;
    assert.ok(first!.size > 40, `${first!.size} files`);
    for (const [i, other] of rest.entries()) {
      assert.deepEqual([...other.keys()], [...first!.keys()], `${runs[i + 1]![0]}: same files`);
      for (const [path, digest] of first!) assert.equal(other.get(path), digest, `${runs[i + 1]![0]}: ${path} byte-identical`);
    }
  } finally {
    for (const s of sites) s.remove();
  }
});
