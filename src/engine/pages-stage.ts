// The pages a pass must look at: built again from the facts (recording what each reads), and
// rendered only when their fingerprint changed; written only when their bytes did. Every page's
// bytes are kept in the store, so an output folder that is gone (a CI job with only the cache
// restored) is written again from there without rendering anything.
import { hash } from 'node:crypto';
import { renderDiagnostic, TemplateError, type Templates } from '../render/templates.js';
import { buildPage, type BuildContext } from '../site/page-builders.js';
import type { Recipe } from '../site/recipes.js';
import { blobKey } from '../store/store.js';
import type { Table } from '../store/table.js';
import type { Diagnostic } from '../types.js';
import type { FactStore } from './fact-store.js';
import { joinIds, splitIds, type Readers } from './readers.js';
import { Reads } from './reads.js';

/** What a page was built from (its bytes' hash is in the `outputs` table, which a pass that writes every page reads alone). */
export interface PageRecord {
  recipe: Recipe;
  /** The fact keys it read, joined (readers.ts). */
  reads: string;
  fp: string;
}

export const pageId = (path: string) => `p:${path}`;

export interface PageSink {
  write(path: string, bytes: Uint8Array): void;
  remove(path: string): void;
}

export interface PagesWork {
  /** Pages to build again (new ones, and those that read a changed fact), by path. */
  dirty: Map<string, Recipe>;
  removed: Iterable<string>;
  /** Paths to do first (the page of the article just saved). */
  first: readonly string[];
  /** Write every page, also those that need no work (the output folder is not as the store says). */
  writeAll: boolean;
  /** Render every page of `dirty` even if its fingerprint is unchanged. */
  force: boolean;
  /** What every page is made from besides its facts: templates, assets, settings, navigation. */
  global: string;
  /** How many pages the site had before this pass. */
  pagesBefore: number;
}

export interface PagesResult {
  rendered: number;
  pages: number;
}

/** A cold build lets go of the store's mapped pages after this many rendered pages (Store.relieve). */
const RELIEVE_EVERY = 2000;

export async function runPages(
  work: PagesWork,
  env: { records: Table<unknown>; outputs: Table<unknown>; blobs: Table<Uint8Array>; facts: FactStore; readers: Readers; context: BuildContext; templates: () => Templates; relieve: (() => Promise<void>) | null },
  sink: PageSink,
  diagnostics: Diagnostic[],
): Promise<PagesResult> {
  const { records, outputs, blobs, facts, readers } = env;
  let rendered = 0;
  let pages = work.pagesBefore;
  for (const path of work.removed) {
    const record = records.get(pageId(path)) as PageRecord | undefined;
    if (!record) continue;
    pages--;
    records.remove(pageId(path));
    readers.record(pageId(path), splitIds(record.reads), []);
    blobs.remove(blobKey(path, outputs.get(path) as string));
    outputs.remove(path);
    sink.remove(path);
  }
  // An output that is not as the store says gets every other page from the store; a page whose
  // bytes the store lacks (it was damaged) is made again.
  const again = new Set<string>();
  if (work.writeAll) {
    for (const [path, digest] of outputs.entries()) {
      if (work.dirty.has(path)) continue;
      const bytes = blobs.get(blobKey(path, digest as string));
      if (bytes) sink.write(path, bytes);
      else {
        work.dirty.set(path, (records.get(pageId(path)) as PageRecord).recipe);
        again.add(path);
      }
    }
  }
  const seen = new Set<string>();
  const order = [...work.first.filter((p) => work.dirty.has(p)), ...work.dirty.keys()];
  for (const path of order) {
    if (seen.has(path)) continue;
    seen.add(path);
    const recipe = work.dirty.get(path) as Recipe;
    const id = pageId(path);
    const record = records.get(id) as PageRecord | undefined;
    const reads = new Reads(facts);
    const built = buildPage(recipe, reads, env.context);
    const fp = reads.fingerprint(`${work.global}\u0000${JSON.stringify(recipe)}`);
    const readKeys = reads.keys;
    readers.record(id, splitIds(record?.reads), readKeys);
    const before = outputs.get(path) as string | undefined;
    if (record && record.fp === fp && !work.force && !again.has(path)) {
      // Its facts came back to what they were (or only its reads moved): the stored bytes stand.
      if (work.writeAll) sink.write(path, blobs.get(blobKey(path, before as string)) as Uint8Array);
      if (record.reads !== joinIds(readKeys)) records.put(id, { ...record, reads: joinIds(readKeys) });
      continue;
    }
    let bytes: Uint8Array;
    try {
      const contents = 'template' in built ? env.templates().render(built.template, built.context) : built.contents();
      bytes = typeof contents === 'string' ? Buffer.from(contents) : contents;
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      const d = renderDiagnostic(e, recipe);
      if (!diagnostics.some((o) => o.file === d.file && o.line === d.line && o.column === d.column && o.rule === d.rule)) diagnostics.push(d);
      continue;
    }
    rendered++;
    if (env.relieve && rendered % RELIEVE_EVERY === 0) await env.relieve();
    if (!record) pages++;
    const digest = hash('sha1', bytes, 'base64url');
    records.put(id, { recipe, reads: joinIds(readKeys), fp } satisfies PageRecord);
    if (before !== digest || again.has(path)) {
      blobs.put(blobKey(path, digest), bytes);
      if (before && before !== digest) blobs.remove(blobKey(path, before));
      outputs.put(path, digest);
      sink.write(path, bytes);
    } else if (work.writeAll) sink.write(path, bytes);
  }
  return { rendered, pages };
}
