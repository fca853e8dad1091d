/** The site's settings file in the content folder (parsed by config.ts). */
export const SETTINGS_FILE = 'site.yml';
