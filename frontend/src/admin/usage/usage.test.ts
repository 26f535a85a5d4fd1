import { describe, expect, it } from 'vitest';
import type { UsageRow } from '../../api/types';
import { format } from '../../i18n/messages';
import { axisLabel, bucketLabel, chartData, lastDayBefore, usageRange, usageTotals } from './usage';

const row = (start: string, messages: number, activeUsers: number, newUsers = 0, roomsCreated = 0): UsageRow => ({
  start,
  messages,
  activeUsers,
  newUsers,
  roomsCreated,
  activeRooms: 1,
});

const t = (key: string, vars?: Record<string, string | number>) => format(key === 'weekOf' ? 'Week of {date}' : key, vars);

describe('usageRange', () => {
  it('is the last N UTC days with today included: from N days before tomorrow, to tomorrow (exclusive)', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(usageRange(30, now)).toEqual({ from: '2026-11-03', to: '2026-12-03' });
    expect(usageRange(7, now)).toEqual({ from: '2026-11-26', to: '2026-12-03' });
    expect(usageRange(90, now)).toEqual({ from: '2026-09-04', to: '2026-12-03' });
  });

  it('counts days as the server does, in UTC: late evening west of Greenwich is already tomorrow', () => {
    // 23:30 in São Paulo (UTC-3) on Dec 2 is 02:30 UTC on Dec 3
    expect(usageRange(1, Date.parse('2026-12-02T23:30:00-03:00'))).toEqual({ from: '2026-12-03', to: '2026-12-04' });
    expect(usageRange(1, Date.parse('2026-12-31T23:59:59Z'))).toEqual({ from: '2026-12-31', to: '2027-01-01' });
  });

  it('the range’s last day is the day before its exclusive end', () => {
    expect(lastDayBefore('2026-12-03')).toBe('2026-12-02');
    expect(lastDayBefore('2027-03-01')).toBe('2027-02-28');
  });
});

describe('chartData', () => {
  it('maps each bucket to a band with its messages and active users, in order', () => {
    const rows = [row('2026-11-30', 12, 3), row('2026-12-01', 0, 0), row('2026-12-02', 7, 2)];
    expect(chartData(rows, 'day', 'en')).toEqual({
      labels: ['Nov 30', 'Dec 1', 'Dec 2'],
      messages: [12, 0, 7],
      activeUsers: [3, 0, 2],
    });
  });

  it('names months by month and year, weeks by their first day, never shifted by the time zone', () => {
    expect(chartData([row('2026-11-01', 1, 1), row('2026-12-01', 2, 1)], 'month', 'en').labels).toEqual(['Nov 2026', 'Dec 2026']);
    expect(axisLabel('2026-11-30', 'week', 'en')).toBe('Nov 30');
    expect(axisLabel('2026-01-01', 'day', 'pt-BR')).toMatch(/^1 de jan/);
  });

  it('has nothing to draw for no rows', () => {
    expect(chartData([], 'day', 'en')).toEqual({ labels: [], messages: [], activeUsers: [] });
  });
});

describe('bucketLabel', () => {
  it('writes the day, the week it starts, or the month in full', () => {
    expect(bucketLabel('2026-12-02', 'day', 'en', t)).toBe('Dec 2, 2026');
    expect(bucketLabel('2026-11-30', 'week', 'en', t)).toBe('Week of Nov 30, 2026');
    expect(bucketLabel('2026-12-01', 'month', 'en', t)).toBe('December 2026');
  });
});

describe('usageTotals', () => {
  it('sums messages, new users and rooms created over the range', () => {
    const rows = [row('2026-12-01', 10, 4, 2, 1), row('2026-12-02', 5, 4, 0, 3)];
    expect(usageTotals(rows)).toEqual({ messages: 15, newUsers: 2, roomsCreated: 4 });
    expect(usageTotals([])).toEqual({ messages: 0, newUsers: 0, roomsCreated: 0 });
  });
});
