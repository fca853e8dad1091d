import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHelpers, germanDateFormatter, readingTime, scriptSafeJson } from '../../src/render/helpers.js';

const april1 = { epochMs: Date.parse('2025-03-31T22:00:00Z') };

test('German long dates in Berlin time, with a protected space after the day', () => {
  assert.equal(germanDateFormatter('Europe/Berlin')(april1), '1.\u00a0April 2025');
  assert.equal(germanDateFormatter('Europe/Berlin')({ epochMs: Date.parse('2025-03-09T12:00:00Z') }), '9.\u00a0März 2025');
  assert.equal(germanDateFormatter('Europe/Berlin')(null), '');
});

test('the date is the Berlin day, whatever TZ the process has', () => {
  // 31 March 22:00 UTC is 1 April in Berlin; TZ=UTC in tests would say 31 March.
  assert.match(germanDateFormatter('Europe/Berlin')(april1), /^1\./);
});

test('date with time', () => {
  assert.equal(germanDateFormatter('Europe/Berlin', true)({ epochMs: Date.parse('2025-04-01T12:30:00Z') }), '1.\u00a0April 2025, 14:30\u00a0Uhr');
});

test('reading time: "3 Min. Lesezeit", at least one minute', () => {
  assert.equal(readingTime(660), '3\u00a0Min. Lesezeit');
  assert.equal(readingTime(0), '1\u00a0Min. Lesezeit');
  assert.equal(readingTime(330), '2\u00a0Min. Lesezeit');
});

test('JSON for script elements cannot close the element', () => {
  const json = scriptSafeJson({ headline: '</script><script>alert(1)</script> & \u2028' });
  assert.doesNotMatch(json, /<|>|&|\u2028/);
  assert.deepEqual(JSON.parse(json), { headline: '</script><script>alert(1)</script> & \u2028' });
});

test('helpers: isoDate with offset, asset lookup', () => {
  const h = createHelpers({ timeZone: 'Europe/Berlin', assets: new Map([['style.css', '/assets/style.abc.css']]), SafeString: String as unknown as new (s: string) => unknown });
  assert.equal((h.isoDate as (d: unknown) => string)(april1), '2025-04-01T00:00:00+02:00');
  assert.equal((h.formatDate as (d: unknown) => string)(april1), '1.\u00a0April 2025');
  assert.equal((h.asset as (n: string) => string)('style.css'), '/assets/style.abc.css');
  assert.throws(() => (h.asset as (n: string) => string)('nope.css'), /nope\.css/);
});
