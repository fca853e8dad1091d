import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeSource } from '../../src/content/decode-source.js';

const F = 'content/x.md';
const bytes = (s: string) => new TextEncoder().encode(s);

test('UTF-8 with and without BOM decodes; CRLF becomes LF; NFD becomes NFC', () => {
  const plain = decodeSource(F, bytes('a\r\nb\rc\n'));
  assert.ok(plain.ok);
  assert.equal(plain.text, 'a\nb\nc\n');
  const bom = decodeSource(F, new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('Grüße')]));
  assert.ok(bom.ok);
  assert.equal(bom.text, 'Grüße');
  const nfd = decodeSource(F, bytes('Mu\u0308nchen'));
  assert.ok(nfd.ok);
  assert.equal(nfd.text, 'München');
});

test('UTF-16 is an error', () => {
  const r = decodeSource(F, new Uint8Array([0xff, 0xfe, 0x61, 0x00]));
  assert.ok(!r.ok);
  assert.equal(r.diagnostic.rule, 'encoding/utf-16');
});

test('invalid UTF-8 (Latin-1) names the line and column', () => {
  const r = decodeSource(F, new Uint8Array([...bytes('ab\ncd'), 0xfc, ...bytes('x')]));
  assert.ok(!r.ok);
  assert.equal(r.diagnostic.rule, 'encoding/invalid-utf-8');
  assert.equal(r.diagnostic.line, 2);
  assert.equal(r.diagnostic.column, 3);
});

test('NUL bytes are an error', () => {
  const r = decodeSource(F, bytes('a\nb\0'));
  assert.ok(!r.ok);
  assert.equal(r.diagnostic.rule, 'encoding/nul-byte');
  assert.equal(r.diagnostic.line, 2);
});

test('merge-conflict markers are an error at their line', () => {
  const r = decodeSource(F, bytes('a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> x\n'));
  assert.ok(!r.ok);
  assert.equal(r.diagnostic.rule, 'content/merge-conflict');
  assert.equal(r.diagnostic.line, 2);
  assert.ok(decodeSource(F, bytes('Text\n\n=======\n')).ok === false);
  assert.ok(decodeSource(F, bytes('Überschrift\n===\n')).ok);
});
