// Disk access for `blatt new`: read the site settings, and create a file only if none exists.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { SETTINGS_FILE } from '../settings-file.js';
import type { SourceFile } from '../types.js';

/** content/site.yml, or null when there is none (all settings then take their defaults). */
export function readSettingsFile(contentDir: string, cwd: string): SourceFile | null {
  const abs = join(contentDir, SETTINGS_FILE);
  try {
    const text = readFileSync(abs, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    return { path: toPosix(relative(cwd, abs)), relPath: SETTINGS_FILE, text };
  } catch {
    return null;
  }
}

/** Writes `text` to a new file; never replaces an existing one (exclusive create). */
export function createNewFile(abs: string, text: string): 'created' | 'exists' {
  mkdirSync(dirname(abs), { recursive: true });
  try {
    writeFileSync(abs, text, { flag: 'wx' });
    return 'created';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw e;
  }
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));
