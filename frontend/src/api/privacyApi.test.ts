import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, Http } from './http';
import { archivePath, EXPORT_FALLBACK_NAME, PrivacyApi } from './privacyApi';
import type { DataRequest } from './types';

const pending: DataRequest = { id: 'x1', kind: 'export', state: 'pending', userId: 'u1', requestedAt: '2026-12-02T10:00:00Z' };
const ready: DataRequest = {
  ...pending,
  state: 'ready',
  readyAt: '2026-12-02T10:00:05Z',
  expiresAt: '2026-12-09T10:00:05Z',
  size: 48_213,
  download: '/api/v1/chat/exports/x1/archive',
};

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

describe('PrivacyApi', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const api = new PrivacyApi(new Http(() => 'tok'));
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  const call = (i: number) => {
    const [url, init] = fetchMock.mock.calls[i];
    return { url, method: init?.method ?? 'GET', auth: (init?.headers as Record<string, string>)?.Authorization, body: init?.body };
  };

  it('asks for an export with no body, lists exports and reads one, with the bearer token', async () => {
    fetchMock
      .mockResolvedValueOnce(json(202, pending, { Location: '/api/v1/auth/profile/exports/x1' }))
      .mockResolvedValueOnce(json(200, { exports: [pending] }))
      .mockResolvedValueOnce(json(200, ready));
    expect(await api.requestExport()).toEqual(pending);
    expect(await api.exports()).toEqual([pending]);
    expect(await api.export('x/1')).toEqual(ready);
    expect([0, 1, 2].map(call)).toEqual([
      { url: '/api/v1/auth/profile/export', method: 'POST', auth: 'Bearer tok', body: undefined },
      { url: '/api/v1/auth/profile/exports', method: 'GET', auth: 'Bearer tok', body: undefined },
      { url: '/api/v1/auth/profile/exports/x%2F1', method: 'GET', auth: 'Bearer tok', body: undefined },
    ]);
  });

  it('reads a refusal for too many exports: its code and how many seconds to wait', async () => {
    fetchMock.mockResolvedValueOnce(
      json(429, { type: 'https://blau.dev/problems/too-many-exports', title: 'Too Many Requests', status: 429, detail: 'Try again later.' }, { 'Retry-After': '3600' }),
    );
    const refusal = await api.requestExport().catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ status: 429, code: 'too-many-exports', retryAfter: 3600 });
  });

  it('reads a Retry-After given as a date too', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
    try {
      fetchMock.mockResolvedValueOnce(json(429, { type: 'https://blau.dev/problems/too-many-exports' }, { 'Retry-After': 'Wed, 02 Dec 2026 10:30:00 GMT' }));
      await expect(api.requestExport()).rejects.toMatchObject({ retryAfter: 1800 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('downloads an archive with the token, named as the server names it, else blau-export.zip', async () => {
    fetchMock
      .mockResolvedValueOnce(new Response('PK…', { headers: { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="blau-ana-2026-12-02.zip"' } }))
      .mockResolvedValueOnce(new Response('PK…', { headers: { 'Content-Type': 'application/zip' } }));
    const named = await api.download(ready);
    expect(named.filename).toBe('blau-ana-2026-12-02.zip');
    expect(await named.blob.text()).toBe('PK…');
    expect((await api.download(ready)).filename).toBe(EXPORT_FALLBACK_NAME);
    expect(fetchMock).toHaveBeenNthCalledWith(1, '/api/v1/chat/exports/x1/archive', { headers: { Authorization: 'Bearer tok' } });
  });

  it('says why an archive cannot be had: expired or not ready', async () => {
    fetchMock
      .mockResolvedValueOnce(json(410, { type: 'https://blau.dev/problems/export-expired', status: 410, detail: 'This export has expired.' }))
      .mockResolvedValueOnce(json(409, { type: 'https://blau.dev/problems/export-not-ready', status: 409 }));
    await expect(api.download(ready)).rejects.toMatchObject({ status: 410, code: 'export-expired', message: 'This export has expired.' });
    await expect(api.download(ready)).rejects.toMatchObject({ status: 409, code: 'export-not-ready' });
  });

  it('erases the account with DELETE on the profile and no body; a stale sign-in is refused with its code', async () => {
    const erasure: DataRequest = { id: 'e1', kind: 'erasure', state: 'pending', userId: 'u1', requestedAt: '2026-12-02T10:00:00Z' };
    fetchMock
      .mockResolvedValueOnce(json(202, erasure))
      .mockResolvedValueOnce(json(403, { type: 'https://blau.dev/problems/recent-sign-in-required', status: 403, detail: 'Sign in again first.' }));
    expect(await api.eraseAccount()).toEqual(erasure);
    expect(call(0)).toEqual({ url: '/api/v1/auth/profile', method: 'DELETE', auth: 'Bearer tok', body: undefined });
    await expect(api.eraseAccount()).rejects.toMatchObject({ status: 403, code: 'recent-sign-in-required' });
  });
});

describe('archivePath', () => {
  it('uses the path the server gave, but never sends the token to another origin', () => {
    expect(archivePath(ready)).toBe('/api/v1/chat/exports/x1/archive');
    for (const download of ['https://evil.test/a.zip', '//evil.test/a.zip', '/\\evil.test', undefined]) {
      expect(archivePath({ ...ready, download })).toBe('/api/v1/chat/exports/x1/archive');
    }
    expect(archivePath({ ...ready, id: 'a b', download: undefined })).toBe('/api/v1/chat/exports/a%20b/archive');
  });
});
