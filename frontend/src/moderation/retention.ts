// How long messages are kept: every room's (administrators) and one room's (its owner), the
// shorter applying; days from 1 to 3650, or null for good.
import type { RetentionDays } from '../api/types';
import type { Translate } from '../i18n/I18n';

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

/** The server's value, absent taken as null (kept for good). */
export function daysOf(days: RetentionDays | undefined): RetentionDays {
  return typeof days === 'number' ? days : null;
}

/** The one that applies: the shorter of two, null (for good) when neither is set. */
export function effectiveDays(a: RetentionDays, b: RetentionDays): RetentionDays {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}

/** Whether going from `before` to `after` deletes messages kept until now: a limit where none was, or a shorter one. */
export function deletesMore(before: RetentionDays, after: RetentionDays): boolean {
  return after !== null && (before === null || after < before);
}

/** A number of days as typed: a whole number from 1 to 3650, else undefined. */
export function parseDays(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const days = Number(trimmed);
  return days >= MIN_RETENTION_DAYS && days <= MAX_RETENTION_DAYS ? days : undefined;
}

/** A retention in words: "30 days", "1 day", "Kept for good". */
export function periodText(days: RetentionDays, t: Translate, locale: string): string {
  if (days === null) return t('keptForGood');
  return days === 1 ? t('dayCountOne') : t('dayCount', { count: days.toLocaleString(locale) });
}
