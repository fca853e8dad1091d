import assert from 'node:assert/strict';
import { test } from 'node:test';
import { offsetMinutesAt, parseDate, zonedDate } from '../../src/content/dates.js';

const B = 'Europe/Berlin';
const iso = (raw: string) => {
  const r = parseDate(raw, B);
  assert.ok(r.ok, raw);
  return r.date.iso;
};

test('a date-only value is Berlin midnight with the summer or winter offset', () => {
  assert.equal(iso('2025-04-01'), '2025-04-01T00:00:00+02:00');
  assert.equal(iso('2025-01-15'), '2025-01-15T00:00:00+01:00');
  const r = parseDate('2025-04-01', B);
  assert.ok(r.ok);
  assert.equal(r.date.epochMs, Date.parse('2025-03-31T22:00:00Z'));
  assert.deepEqual([r.date.year, r.date.month, r.date.day], [2025, 4, 1]);
});

test('date-times are Berlin wall time', () => {
  assert.equal(iso('2025-04-01T14:30'), '2025-04-01T14:30:00+02:00');
  assert.equal(iso('2025-12-24 18:00:05'), '2025-12-24T18:00:05+01:00');
});

test('explicit offsets are kept as the instant (shown in Berlin time)', () => {
  const r = parseDate('2025-04-01T10:00:00Z', B);
  assert.ok(r.ok);
  assert.equal(r.date.epochMs, Date.parse('2025-04-01T10:00:00Z'));
  assert.equal(r.date.iso, '2025-04-01T12:00:00+02:00');
  const r2 = parseDate('2025-04-01T23:30:00-05:00', B);
  assert.ok(r2.ok);
  assert.equal(r2.date.epochMs, Date.parse('2025-04-02T04:30:00Z'));
  assert.equal(r2.date.day, 2);
  assert.equal(iso('2025-04-01T12:00+0200'), '2025-04-01T12:00:00+02:00');
});

test('impossible calendar dates are errors, never moved', () => {
  for (const raw of ['2025-02-30', '2025-02-29', '2025-13-01', '2025-04-31', '2025-00-10']) {
    const r = parseDate(raw, B);
    assert.equal(r.ok, false, raw);
  }
  const r = parseDate('2025-02-30', B);
  assert.ok(!r.ok);
  assert.match(r.message, /February has 28 days/);
  assert.ok(parseDate('2024-02-29', B).ok, 'leap day');
});

test('the skipped hour of the spring switch is an error', () => {
  const r = parseDate('2025-03-30T02:30', B);
  assert.equal(r.ok, false);
  assert.ok(!r.ok && /skip/.test(r.message));
  assert.equal(iso('2025-03-30T01:59'), '2025-03-30T01:59:00+01:00');
  assert.equal(iso('2025-03-30T03:00'), '2025-03-30T03:00:00+02:00');
});

test('the repeated hour of the autumn switch takes the earlier instant', () => {
  const r = parseDate('2025-10-26T02:30', B);
  assert.ok(r.ok);
  assert.equal(r.date.iso, '2025-10-26T02:30:00+02:00');
  assert.equal(r.date.epochMs, Date.parse('2025-10-26T00:30:00Z'));
});

test('impossible times, offsets and formats are errors', () => {
  for (const raw of ['2025-04-01T24:00', '2025-04-01T12:60', '2025-04-01T12:00+25:00', '1. April 2025', '2025-4-1', 'heute', '']) {
    assert.equal(parseDate(raw, B).ok, false, raw);
  }
});

test('offsetMinutesAt and zonedDate', () => {
  assert.equal(offsetMinutesAt(Date.parse('2025-07-01T00:00:00Z'), B), 120);
  assert.equal(offsetMinutesAt(Date.parse('2025-01-01T00:00:00Z'), B), 60);
  assert.equal(zonedDate(Date.parse('2025-03-31T22:00:00Z'), B).iso, '2025-04-01T00:00:00+02:00');
  assert.equal(zonedDate(0, 'UTC').iso, '1970-01-01T00:00:00+00:00');
});

test('years outside 1000–9999 are read as well as the usual four-digit ones', () => {
  assert.equal(zonedDate(Date.UTC(999, 0, 1), B).iso, '999-01-01T00:53:28+00:53');
  assert.equal(zonedDate(Date.UTC(12000, 5, 1), B).iso, '12000-06-01T02:00:00+02:00');
});

test('a date parsed twice gives equal results that do not share an object', () => {
  const first = parseDate('2025-04-01', B);
  const second = parseDate('2025-04-01', B);
  assert.deepEqual(first, second);
  assert.ok(first.ok && second.ok && first.date !== second.date);
});
