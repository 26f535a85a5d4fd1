import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import type { DataRequest } from '../api/types';
import { dictionaries, format, type MessageKey } from '../i18n/messages';
import { formatInstant } from '../moderation/moderation';
import { exportRefusalText, formatWait, shownState, stateLabel, withRequest } from './requests';

const t = (key: MessageKey, vars?: Record<string, string | number>) => format(dictionaries.en[key], vars);
const ready: DataRequest = { id: 'x1', kind: 'export', state: 'ready', userId: 'u1', requestedAt: '2026-12-02T10:00:00Z', expiresAt: '2026-12-09T10:00:00Z' };

describe('data requests', () => {
  it('says a wait in the largest fitting unit, rounded up, in the UI’s language', () => {
    expect(formatWait(30, 'en')).toBe('in 30 seconds');
    expect(formatWait(89, 'en')).toBe('in 89 seconds');
    expect(formatWait(600, 'en')).toBe('in 10 minutes');
    expect(formatWait(601, 'en')).toBe('in 11 minutes');
    expect(formatWait(3600, 'en')).toBe('in 60 minutes');
    expect(formatWait(7200, 'en')).toBe('in 2 hours');
    expect(formatWait(3 * 86400, 'en')).toBe('in 3 days');
    expect(formatWait(0, 'en')).toBe('in 1 second');
    expect(formatWait(1200, 'pt-BR')).toBe('em 20 minutos');
  });

  it('tells when another export can be asked for, and any other refusal in the server’s words', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    const tooMany = (retryAfter?: number) => new ApiError(429, { type: 'https://blau.dev/problems/too-many-exports' }, retryAfter);
    expect(exportRefusalText(tooMany(90), t, 'en', now)).toBe(
      `You have asked for several exports lately. You can ask for another in 2 minutes (${formatInstant(now + 90_000, 'en')}).`,
    );
    expect(exportRefusalText(tooMany(), t, 'en', now)).toBe('You have asked for several exports lately. Please try again later.');
    expect(exportRefusalText(new ApiError(403, { detail: 'Not yours.' }), t, 'en', now)).toBe('Not yours.');
  });

  it('shows a ready export past its expiry as expired, and labels states by kind', () => {
    expect(shownState(ready, Date.parse('2026-12-08T10:00:00Z'))).toBe('ready');
    expect(shownState(ready, Date.parse('2026-12-09T10:00:00Z'))).toBe('expired');
    expect(stateLabel({ ...ready, state: 'pending' }, 'pending')).toBe('requestPendingExport');
    expect(stateLabel({ ...ready, kind: 'erasure', state: 'pending' }, 'pending')).toBe('requestPendingErasure');
  });

  it('puts a request in its place in the list, or first', () => {
    const older = { ...ready, id: 'x0' };
    expect(withRequest([ready, older], { ...ready, state: 'expired' }).map((r) => [r.id, r.state])).toEqual([['x1', 'expired'], ['x0', 'ready']]);
    expect(withRequest([older], ready).map((r) => r.id)).toEqual(['x1', 'x0']);
    expect(withRequest(undefined, ready)).toEqual([ready]);
  });
});
