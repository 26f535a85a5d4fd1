// How data requests (exports and erasures) read, and how refusals about them are told.
import { ApiError } from '../api/http';
import type { DataRequest, DataRequestState } from '../api/types';
import type { Translate } from '../i18n/I18n';
import type { MessageKey } from '../i18n/messages';
import { formatInstant, problemText } from '../moderation/moderation';

/** How often a pending request is asked about again while it is on screen. */
export const POLL_MS = 2000;

/** The state to show: a ready export whose link has run out is expired, even before the server says so. */
export function shownState(request: DataRequest, now: number = Date.now()): DataRequestState {
  if (request.state === 'ready' && request.expiresAt && Date.parse(request.expiresAt) <= now) return 'expired';
  return request.state;
}

export function stateLabel(request: DataRequest, state: DataRequestState): MessageKey {
  switch (state) {
    case 'pending':
      return request.kind === 'erasure' ? 'requestPendingErasure' : 'requestPendingExport';
    case 'ready':
      return 'requestReady';
    case 'failed':
      return 'requestFailed';
    case 'expired':
      return 'requestExpired';
    case 'done':
      return 'requestDone';
  }
}

/** The list with this request in it: in place of the one with its id, else first (newest first). */
export function withRequest(list: DataRequest[] | undefined, request: DataRequest): DataRequest[] {
  const current = list ?? [];
  return current.some((r) => r.id === request.id) ? current.map((r) => (r.id === request.id ? request : r)) : [request, ...current];
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 1],
  ['minute', 60],
  ['hour', 3600],
  ['day', 86400],
];

/** A wait in seconds as the language says it ("in 5 minutes", "em 2 horas"), rounded up in the largest fitting unit. */
export function formatWait(seconds: number, locale: string): string {
  const s = Math.max(1, Math.ceil(seconds));
  // up to 90 of a unit reads better than the next one ("in 75 minutes", not "in 2 hours")
  let [unit, size] = UNITS[0];
  for (const [u, n] of UNITS) if (s >= n * 1.5 || n === 1) [unit, size] = [u, n];
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.ceil(s / size), unit);
}

/** Why an export was not started: for too many of them lately, when another can be asked for. */
export function exportRefusalText(error: unknown, t: Translate, locale: string, now: number = Date.now()): string {
  if (error instanceof ApiError && (error.code === 'too-many-exports' || error.status === 429)) {
    if (error.retryAfter === undefined) return t('tooManyExportsLater');
    return t('tooManyExports', { when: formatWait(error.retryAfter, locale), time: formatInstant(now + Math.max(1, error.retryAfter) * 1000, locale) });
  }
  return problemText(error, t);
}

/** Why an archive could not be downloaded. */
export function downloadRefusalText(error: unknown, t: Translate): string {
  if (error instanceof ApiError && (error.code === 'export-expired' || error.status === 410)) return t('exportExpiredError');
  if (error instanceof ApiError && error.code === 'export-not-ready') return t('exportNotReady');
  return problemText(error, t);
}

/** A failure worth asking again about later (no connection, the server busy or down), not a refusal. */
export function transient(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500;
}
