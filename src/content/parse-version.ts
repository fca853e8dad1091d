/** Bumped whenever parsing changes what it produces in a way the code version does not capture. */
export const PARSER_VERSION = 7;
