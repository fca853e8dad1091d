// `blatt dev` as a command: serves on 127.0.0.1 (port 0: any free port), previews into its own
// folder so drafts never land in public/, prints diagnostics to the terminal, stops on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { article, BIN, tempSite } from '../helpers/site.js';


describe('blatt dev command', () => {
  it('serves a preview with drafts from .cache/blatt/dev and exits cleanly on SIGTERM', async () => {
    const site = tempSite({ '2025/entwurf.md': article({ title: 'Entwurf', draft: true, titel: 'x' }) });
    const child = spawn(process.execPath, [BIN, 'dev', '--port', '0', '--now', '2025-04-02T12:00'], { cwd: site.root, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (c) => (stderr += c));
      const url = await new Promise<string>((resolve, reject) => {
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
        child.stdout.on('data', (c) => {
          stdout += c;
          const m = /Serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
          if (m) resolve(m[1] as string);
        });
      });
      const res = await fetch(new URL('/2025/04/entwurf/', url));
      assert.equal(res.status, 200);
      assert.match(await res.text(), /draft-banner/);
      assert.ok(existsSync(join(site.root, '.cache/blatt/dev/2025/04/entwurf/index.html')));
      assert.equal(existsSync(site.out), false, 'nothing is written to public/');
      assert.match(stderr, /^content\/2025\/entwurf\.md:\d+:\d+ {2}warning {2}Unknown field "titel"/m);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      site.remove();
    }
  });

  it('says so when the port is taken', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const site = tempSite({ 'a.md': article() });
    try {
      const child = spawn(process.execPath, [BIN, 'dev', '--port', String(port)], { cwd: site.root, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c) => (stderr += c));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.equal(code, 1);
      assert.match(stderr, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is in use`));
    } finally {
      blocker.close();
      site.remove();
    }
  });
});
