// What a target's last committed pass leaves in its meta table: the output's generation and what
// the next pass compares with to find that nothing changed.
import type { Diagnostic } from '../types.js';

/** What a target's last committed pass left: the output's generation and what the next pass compares with. */
export interface Head {
  generation: number;
  /** A random name of the pass that committed it: what a session kept from its own last pass is the store's while the head still has it. */
  pass: string;
  window: { from: number | null; until: number | null };
  templates: string;
  assets: string;
  assetPaths: string[];
  global: string;
  /** What the pass reported, replayed by a pass with nothing to do. */
  report: Diagnostic[];
  articles: number;
  pages: number;
}

