import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG, parseConfig } from '../../src/config.js';

const src = (text: string) => ({ path: 'content/site.yml', relPath: 'site.yml', text });

test('no settings file gives the defaults', () => {
  const r = parseConfig(null);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.config, DEFAULT_CONFIG);
});

test('settings are read and the base URL gets a trailing slash', () => {
  const r = parseConfig(src('title: "Blatt"\nbase_url: "https://blatt.example/news"\nper_page: 5\npublisher:\n  name: Verlag\n'));
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.config.baseUrl, 'https://blatt.example/news/');
  assert.equal(r.config.perPage, 5);
  assert.equal(r.config.publisher.name, 'Verlag');
  assert.equal(r.config.timeZone, 'Europe/Berlin');
});

test('unknown settings and wrong types are errors at their line', () => {
  const r = parseConfig(src('title: "Blatt"\ntitel: x\nper_page: zehn\n'));
  assert.deepEqual(r.diagnostics.map((d) => [d.severity, d.rule, d.line]).sort(), [
    ['error', 'settings/invalid', 2],
    ['error', 'settings/invalid', 3],
  ]);
  assert.match(r.diagnostics.find((d) => d.line === 2)!.message, /"titel"/);
});

test('a bad time zone and a bad base URL are errors', () => {
  assert.equal(parseConfig(src('time_zone: "Europe/Berlim"\n')).diagnostics[0]!.rule, 'settings/time-zone');
  assert.equal(parseConfig(src('base_url: "ftp://x"\n')).diagnostics[0]!.rule, 'settings/base-url');
  assert.equal(parseConfig(src('base_url: "nicht absolut"\n')).diagnostics[0]!.rule, 'settings/base-url');
});

test('--base-url overrides the file', () => {
  const r = parseConfig(src('base_url: "https://a.example/"\n'), { baseUrl: 'https://b.example/x' });
  assert.equal(r.config.baseUrl, 'https://b.example/x/');
});

test('YAML errors in the settings name the line', () => {
  const r = parseConfig(src('title: "Blatt"\nper_page: [\n'));
  assert.equal(r.diagnostics[0]!.rule, 'yaml/syntax');
  assert.equal(r.diagnostics[0]!.file, 'content/site.yml');
});

test('after a bad base URL the config still holds a usable one (the error stops the build, not a crash)', () => {
  const r = parseConfig(src('base_url: "kein-url"\n'));
  assert.equal(r.diagnostics[0]!.rule, 'settings/base-url');
  assert.doesNotThrow(() => new URL(r.config.baseUrl));
});
