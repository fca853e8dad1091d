// The rules every output path obeys, checked before anything is written: relative, inside the
// output folder, portable (no Windows reserved names, no trailing dots or spaces, no control
// characters), and unique even on case-insensitive file systems.

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Why `path` is not a safe output path, or null when it is. */
export function unsafeOutputPath(path: string): string | null {
  if (path === '') return 'the path is empty';
  if (path.startsWith('/') || /^[a-zA-Z]:/.test(path)) return 'the path is absolute';
  if (path.includes('\\')) return 'the path contains a backslash';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'the path contains a control character';
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return `the path has an empty, "." or ".." segment`;
    if (WINDOWS_RESERVED.test(segment)) return `"${segment}" is a reserved name on Windows`;
    if (/[. ]$/.test(segment)) return `"${segment}" ends in a dot or space`;
    if (/[<>:"|?*]/.test(segment)) return `"${segment}" contains a character Windows does not allow`;
  }
  return null;
}

/** The key under which two paths collide on a case-insensitive, normalizing file system. */
export function collisionKey(path: string): string {
  return path.normalize('NFC').toLowerCase();
}
