// Who may moderate whom in a room, the durations offered, and how refusals read.
import { ApiError } from '../api/http';
import type { Member, Room } from '../api/types';
import type { Translate } from '../i18n/I18n';
import type { MessageKey } from '../i18n/messages';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Duration {
  label: MessageKey;
  /** undefined: for good */
  ms?: number;
}

export const MUTE_DURATIONS: Duration[] = [
  { label: 'for15Minutes', ms: 15 * MINUTE },
  { label: 'for1Hour', ms: HOUR },
  { label: 'for1Day', ms: DAY },
  { label: 'for1Week', ms: 7 * DAY },
];

export const BAN_DURATIONS: Duration[] = [
  { label: 'for1Hour', ms: HOUR },
  { label: 'for1Day', ms: DAY },
  { label: 'for1Week', ms: 7 * DAY },
  { label: 'permanent' },
];

/** The server's limit on a ban's reason. */
export const MAX_BAN_REASON = 500;

/** The end of a duration starting now, as the server takes it (ISO-8601); undefined for good. */
export function untilAfter(duration: Duration, now: number = Date.now()): string | undefined {
  return duration.ms === undefined ? undefined : new Date(now + duration.ms).toISOString();
}

/** The caller owns or moderates the room (a direct room has no moderation). */
export function moderates(room: Room | undefined): boolean {
  return !!room?.joined && room.visibility !== 'direct' && (room.role === 'owner' || room.role === 'moderator');
}

/**
 * Whether the caller may remove, mute or ban this member: never themselves or the owner; a
 * moderator only plain members, the owner moderators too (the server refuses the rest anyway).
 */
export function canActOn(room: Room | undefined, meId: string | undefined, member: Member): boolean {
  if (!moderates(room) || member.id === meId || member.role === 'owner') return false;
  return room!.role === 'owner' || (member.role ?? 'member') === 'member';
}

/** A date and time in the UI's language, for when a mute or ban ends. */
export function formatInstant(at: string | number, locale: string): string {
  return new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** What a refusal says: the server's detail (problem+json), else a general sentence. */
export function problemText(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('somethingWrong');
  if (error.status === 0) return t('networkError');
  return error.problem.detail || error.problem.title || t('somethingWrong');
}
