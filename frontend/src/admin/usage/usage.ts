// The usage report's range, labels, chart series and totals. Days are UTC days, as the server
// counts them: "today" is the UTC date, and labels are formatted in UTC so no bucket shifts a day.
import type { UsageBucket, UsageRow } from '../../api/types';
import type { Translate } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';

export const USAGE_DAYS = [7, 30, 90] as const;
export type UsageDays = (typeof USAGE_DAYS)[number];
export const USAGE_BUCKETS: UsageBucket[] = ['day', 'week', 'month'];

const DAY_MS = 86_400_000;

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last `days` days, today included: [from, to) as YYYY-MM-DD, `to` being tomorrow (exclusive). */
export function usageRange(days: number, now: number = Date.now()): { from: string; to: string } {
  const tomorrow = Date.parse(isoDate(now)) + DAY_MS;
  return { from: isoDate(tomorrow - days * DAY_MS), to: isoDate(tomorrow) };
}

/** The last day of a range whose end `to` is exclusive. */
export function lastDayBefore(to: string): string {
  return isoDate(Date.parse(to) - DAY_MS);
}

/** A YYYY-MM-DD date as the UI's language writes it (`medium`: Dec 2, 2026; `short`: Dec 2). */
export function formatDay(date: string, locale: string, style: 'medium' | 'short' = 'medium'): string {
  const at = new Date(`${date}T00:00:00Z`);
  return style === 'medium'
    ? at.toLocaleDateString(locale, { dateStyle: 'medium', timeZone: 'UTC' })
    : at.toLocaleDateString(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** A bucket's name in the table: the day, the week it starts, or the month. */
export function bucketLabel(start: string, bucket: UsageBucket, locale: string, t: Translate): string {
  if (bucket === 'month') return new Date(`${start}T00:00:00Z`).toLocaleDateString(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const day = formatDay(start, locale);
  return bucket === 'week' ? t('weekOf', { date: day }) : day;
}

/** A bucket's short name under the chart's bars. */
export function axisLabel(start: string, bucket: UsageBucket, locale: string): string {
  if (bucket === 'month') return new Date(`${start}T00:00:00Z`).toLocaleDateString(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return formatDay(start, locale, 'short');
}

export interface ChartData {
  labels: string[];
  messages: number[];
  activeUsers: number[];
}

/** The report's rows as the chart draws them: one band per bucket, messages and active users. */
export function chartData(rows: UsageRow[], bucket: UsageBucket, locale: string): ChartData {
  return {
    labels: rows.map((r) => axisLabel(r.start, bucket, locale)),
    messages: rows.map((r) => r.messages),
    activeUsers: rows.map((r) => r.activeUsers),
  };
}

export interface UsageTotals {
  messages: number;
  newUsers: number;
  roomsCreated: number;
}

/** Sums over the range. (Active users are not summed: someone active on two days is one person.) */
export function usageTotals(rows: UsageRow[]): UsageTotals {
  return rows.reduce(
    (sum, r) => ({ messages: sum.messages + r.messages, newUsers: sum.newUsers + r.newUsers, roomsCreated: sum.roomsCreated + r.roomsCreated }),
    { messages: 0, newUsers: 0, roomsCreated: 0 },
  );
}

export const CHART_TITLES: Record<UsageBucket, MessageKey> = { day: 'chartTitleDay', week: 'chartTitleWeek', month: 'chartTitleMonth' };
export const TABLE_CAPTIONS: Record<UsageBucket, MessageKey> = { day: 'usageTableDay', week: 'usageTableWeek', month: 'usageTableMonth' };
export const BUCKET_NAMES: Record<UsageBucket, MessageKey> = { day: 'byDay', week: 'byWeek', month: 'byMonth' };
export const DAYS_NAMES: Record<UsageDays, MessageKey> = { 7: 'last7Days', 30: 'last30Days', 90: 'last90Days' };
