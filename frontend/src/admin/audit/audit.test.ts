import { describe, expect, it } from 'vitest';
import { auditFilter, csvFileName, NO_FILTER, rangeIsValid, summarizeDetails } from './audit';

/** An instant's date and time on the user's clock. */
const local = (iso: string) => {
  const d = new Date(iso);
  return { date: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`, hours: d.getHours(), minutes: d.getMinutes() };
};

describe('auditFilter', () => {
  it('asks for nothing without filters', () => {
    expect(auditFilter(NO_FILTER)).toEqual({});
    expect(auditFilter({ actor: '   ', action: '', from: '', to: '' })).toEqual({});
  });

  it('takes the actor trimmed and the action as chosen', () => {
    expect(auditFilter({ ...NO_FILTER, actor: ' u-1 ', action: 'room.delete' })).toEqual({ actor: 'u-1', action: 'room.delete' });
  });

  it('turns the days into instants on the user’s clock: the start of the first day to the start of the day after the last', () => {
    const filter = auditFilter({ ...NO_FILTER, from: '2026-12-01', to: '2026-12-02' });
    expect(filter.from).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(local(filter.from!)).toEqual({ date: '2026-12-01', hours: 0, minutes: 0 });
    expect(local(filter.to!)).toEqual({ date: '2026-12-03', hours: 0, minutes: 0 });
    // a single day, and the last day of a month
    expect(local(auditFilter({ ...NO_FILTER, to: '2026-02-28' }).to!)).toEqual({ date: '2026-03-01', hours: 0, minutes: 0 });
    expect(auditFilter({ ...NO_FILTER, to: '2026-02-28' }).from).toBeUndefined();
  });

  it('a last day before the first is a mistake; the same day or an open end is not', () => {
    expect(rangeIsValid({ ...NO_FILTER, from: '2026-12-02', to: '2026-12-01' })).toBe(false);
    expect(rangeIsValid({ ...NO_FILTER, from: '2026-12-02', to: '2026-12-02' })).toBe(true);
    expect(rangeIsValid({ ...NO_FILTER, from: '2026-12-02' })).toBe(true);
    expect(rangeIsValid({ ...NO_FILTER, to: '2026-12-02' })).toBe(true);
  });
});

describe('summarizeDetails', () => {
  it('puts the details on one line as key: value, objects as JSON, empty ones left out', () => {
    expect(summarizeDetails({ roomId: 'r1', reason: 'spam', until: null, note: '', count: 3, roles: ['moderator'] })).toBe(
      'roomId: r1, reason: spam, count: 3, roles: ["moderator"]',
    );
    expect(summarizeDetails({})).toBe('');
    expect(summarizeDetails(undefined)).toBe('');
  });

  it('cuts a long summary with an ellipsis', () => {
    const summary = summarizeDetails({ reason: 'x'.repeat(500) });
    expect(summary).toHaveLength(140);
    expect(summary.endsWith('…')).toBe(true);
    expect(summary.startsWith('reason: xxx')).toBe(true);
  });
});

describe('csvFileName', () => {
  it('names the export after the day', () => {
    expect(csvFileName(Date.parse('2026-12-02T10:00:00Z'))).toBe('blau-audit-2026-12-02.csv');
  });
});
