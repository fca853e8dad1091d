// Maps a request URL to a file inside the output folder, or refuses it. Nothing outside the
// output folder is ever reachable: the path is decoded once, "." and ".." segments, backslashes
// and NUL bytes are refused, and the real path (after symbolic links) must lie inside the real
// output folder, compared segment by segment (so a sibling like "public-secret" is outside).
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

export type Resolution =
  | { kind: 'file'; abs: string; rel: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' }
  | { kind: 'bad-request'; reason: string };

/** The real path of the output folder, or null when it does not exist yet. */
export function realRoot(root: string): string | null {
  try {
    return realpathSync(root);
  } catch {
    return null;
  }
}

/** Whether `abs` (a real path) is `root` or below it. */
export function isInside(root: string, abs: string): boolean {
  const rel = relative(root, abs);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

export function resolveRequest(root: string, rawUrl: string): Resolution {
  const pathname = rawUrl.split(/[?#]/, 1)[0] ?? '';
  if (!pathname.startsWith('/')) return { kind: 'bad-request', reason: 'the path must start with "/"' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'bad-request', reason: 'the URL is not correctly encoded' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad-request', reason: 'the path contains a NUL byte or backslash' };
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '.' || s === '..')) return { kind: 'bad-request', reason: 'the path contains "." or ".." segments' };
  const real = realRoot(root);
  if (real === null) return { kind: 'not-found' };
  const candidate = join(real, ...segments.filter((s) => s !== ''));
  const found = realFile(real, candidate);
  if (found === 'missing') return { kind: 'not-found' };
  if (found === 'outside') return { kind: 'not-found' };
  if (found.dir) {
    // Leading slashes collapsed: "//host" would be a redirect to another site.
    if (!pathname.endsWith('/')) return { kind: 'redirect', location: `${pathname.replace(/^\/+/, '/')}/` };
    const index = realFile(real, join(found.abs, 'index.html'));
    if (index === 'missing' || index === 'outside' || index.dir) return { kind: 'not-found' };
    return { kind: 'file', abs: index.abs, rel: toPosix(relative(real, index.abs)) };
  }
  return { kind: 'file', abs: found.abs, rel: toPosix(relative(real, found.abs)) };
}

function realFile(root: string, candidate: string): { abs: string; dir: boolean } | 'missing' | 'outside' {
  let abs: string;
  try {
    abs = realpathSync(candidate);
  } catch {
    return 'missing';
  }
  if (!isInside(root, abs)) return 'outside';
  try {
    const stat = statSync(abs);
    if (stat.isDirectory()) return { abs, dir: true };
    if (stat.isFile()) return { abs, dir: false };
    return 'missing';
  } catch {
    return 'missing';
  }
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));
