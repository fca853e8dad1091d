// What `blatt dev` prints: one line per build, then its diagnostics in the same format as
// `blatt build`. Pure: the CLI decides where the lines go.
import { relative } from 'node:path';
import { formatDiagnostic, summarize } from '../diagnostics.js';
import type { DevEvent } from './start-dev.js';

export function describeDevEvent(event: DevEvent, cwd: string): { stdout: string[]; stderr: string[] } {
  switch (event.kind) {
    case 'listening':
      return { stdout: [`Serving ${event.url} (drafts included); watching for changes. Press Ctrl+C to stop.`], stderr: [] };
    case 'incomplete':
      return { stdout: [], stderr: event.paths.map((p) => `${relative(cwd, p)}: still empty or half-written after waiting; building it as it is.`) };
    case 'watch-error':
      return { stdout: [], stderr: [`Watching failed: ${event.message}`] };
    case 'build-crash':
      return { stdout: [], stderr: [`blatt: internal error during a rebuild (a bug in Blatt, not in your content); still serving the last good pages: ${event.message}`] };
    case 'build': {
      const { errors, warnings } = summarize(event.diagnostics);
      const ms = `${Math.round(event.ms)} ms`;
      const what = event.first ? `Built ${event.pages} pages from ${event.articles} articles` : `Rebuilt after ${event.trigger.length} change${event.trigger.length === 1 ? '' : 's'} (${event.trigger.slice(0, 3).map((p) => relative(cwd, p)).join(', ')}${event.trigger.length > 3 ? ', …' : ''})`;
      const lines = [...event.notes, ...event.diagnostics.map(formatDiagnostic)];
      if (!event.ok) return { stdout: [], stderr: [...lines, `${what} failed in ${ms}: ${errors} error${errors === 1 ? '' : 's'}. Still serving the last good pages; the browser shows the errors.`] };
      const summary = `${what} in ${ms}: ${event.changedPaths.length} files changed, ${event.reloaded} open page${event.reloaded === 1 ? '' : 's'} to reload${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.`;
      return { stdout: [summary], stderr: lines };
    }
  }
}
