import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminApi } from './adminApi';
import { ApiError, Http } from './http';

/** An AdminApi over an Http whose calls are recorded as [method, path]. */
function recorded(answer: unknown = {}) {
  const calls: Array<[string, string]> = [];
  const record = (method: string) =>
    vi.fn(async (path: string) => {
      calls.push([method, path]);
      return answer;
    });
  const http = { get: record('GET'), post: record('POST'), put: record('PUT'), delete: record('DELETE'), blob: record('BLOB') };
  return { api: new AdminApi(http as unknown as Http), calls };
}

const params = (path: string) => Object.fromEntries(new URL(path, 'http://x').searchParams);

describe('AdminApi users', () => {
  it('pages accounts by offset, with the search encoded and left out when blank', async () => {
    const { api, calls } = recorded({ users: [] });
    await api.users('');
    await api.users('  ana lima+1@x ', 40, 20);
    expect(calls[0]).toEqual(['GET', '/api/v1/admin/users?first=0&max=20']);
    expect(new URL(calls[1][1], 'http://x').pathname).toBe('/api/v1/admin/users');
    expect(params(calls[1][1])).toEqual({ q: 'ana lima+1@x', first: '40', max: '20' });
  });

  it('disables, enables, grants and revokes moderator with the id encoded', async () => {
    const { api, calls } = recorded(undefined);
    await api.disableUser('u/1');
    await api.enableUser('u1');
    await api.setModerator('u 2', true);
    await api.setModerator('u2', false);
    expect(calls).toEqual([
      ['POST', '/api/v1/admin/users/u%2F1/disable'],
      ['POST', '/api/v1/admin/users/u1/enable'],
      ['PUT', '/api/v1/admin/users/u%202/roles/moderator'],
      ['DELETE', '/api/v1/admin/users/u2/roles/moderator'],
    ]);
  });
});

describe('AdminApi data requests', () => {
  it('exports, erases and lists the data requests of a user, with the id encoded', async () => {
    const { api, calls } = recorded({ requests: [] });
    await api.exportUser('u/1');
    await api.eraseUser('u 2');
    expect(await api.dataRequests('u3')).toEqual([]);
    expect(calls).toEqual([
      ['POST', '/api/v1/admin/users/u%2F1/export'],
      ['DELETE', '/api/v1/admin/users/u%202'],
      ['GET', '/api/v1/admin/users/u3/data-requests'],
    ]);
  });

  it('downloads a user’s export through the address the server gave', async () => {
    const download = vi.fn(async () => ({ blob: new Blob(['zip']), filename: undefined }));
    const api = new AdminApi({ download } as unknown as Http);
    const answer = await api.downloadExport({
      id: 'x1', kind: 'export', state: 'ready', userId: 'u1', requestedAt: '2026-12-02T10:00:00Z', download: '/api/v1/chat/exports/x1/archive',
    });
    expect(download).toHaveBeenCalledExactlyOnceWith('/api/v1/chat/exports/x1/archive');
    expect(answer.filename).toBe('blau-export.zip');
  });
});

describe('AdminApi rooms', () => {
  it('pages rooms by cursor and deletes a room through the rooms resource', async () => {
    const { api, calls } = recorded({ rooms: [], next: null });
    await api.rooms('');
    await api.rooms('ops & dev', 'c/2+', 50);
    await api.deleteRoom('r/1');
    expect(calls[0]).toEqual(['GET', '/api/v1/chat/admin/rooms?limit=50']);
    expect(params(calls[1][1])).toEqual({ q: 'ops & dev', after: 'c/2+', limit: '50' });
    expect(calls[2]).toEqual(['DELETE', '/api/v1/chat/rooms/r%2F1']);
  });
});

describe('AdminApi usage and audit', () => {
  it('asks the usage report for a range and a bucket', async () => {
    const { api, calls } = recorded({ rows: [] });
    await api.usage('2026-11-03', '2026-12-03', 'week');
    expect(calls).toEqual([['GET', '/api/v1/chat/admin/reports/usage?from=2026-11-03&to=2026-12-03&bucket=week']]);
  });

  it('filters the audit log by what was given only, pages it by cursor, exports and verifies it', async () => {
    const { api, calls } = recorded({ records: [] });
    await api.audit({});
    await api.audit({ actor: 'u 1', action: 'user.disable', from: '2026-12-01T03:00:00.000Z', to: '' }, 'next+1', 50);
    await api.auditCsv({ action: 'room.delete', to: '2026-12-02T03:00:00.000Z' });
    await api.auditCsv({});
    await api.verifyAudit();
    expect(calls[0]).toEqual(['GET', '/api/v1/admin/audit?limit=50']);
    expect(params(calls[1][1])).toEqual({ actor: 'u 1', action: 'user.disable', from: '2026-12-01T03:00:00.000Z', cursor: 'next+1', limit: '50' });
    expect(calls[2][0]).toBe('BLOB');
    expect(new URL(calls[2][1], 'http://x').pathname).toBe('/api/v1/admin/audit.csv');
    expect(params(calls[2][1])).toEqual({ action: 'room.delete', to: '2026-12-02T03:00:00.000Z' });
    expect(calls.slice(3)).toEqual([
      ['BLOB', '/api/v1/admin/audit.csv'],
      ['GET', '/api/v1/admin/audit/verify'],
    ]);
  });
});

describe('AdminApi over HTTP', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the bearer token, and a refusal comes back with its code and detail', async () => {
    const fetch = vi.fn(async () =>
      new Response(JSON.stringify({ type: 'https://blau.dev/problems/cannot-disable-self', title: 'Conflict', status: 409, detail: 'You cannot disable yourself.' }), {
        status: 409,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    vi.stubGlobal('fetch', fetch);
    const api = new AdminApi(new Http(() => 'tok'));
    const refusal = await api.disableUser('me').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ status: 409, code: 'cannot-disable-self', message: 'You cannot disable yourself.' });
    expect(fetch).toHaveBeenCalledWith('/api/v1/admin/users/me/disable', expect.objectContaining({ method: 'POST' }));
    const init = (fetch.mock.calls[0] as unknown[])[1] as RequestInit;
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it('reads the wait of a refused export, and the refusal of erasing oneself', async () => {
    const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
      new Response(JSON.stringify({ type: `https://blau.dev/problems/${code}`, status, detail: code }), {
        status,
        headers: { 'Content-Type': 'application/problem+json', ...headers },
      });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) =>
        init?.method === 'POST' ? problem(429, 'too-many-exports', { 'Retry-After': '120' }) : problem(409, 'cannot-erase-self'),
      ),
    );
    const api = new AdminApi(new Http(() => 'tok'));
    await expect(api.exportUser('u1')).rejects.toMatchObject({ status: 429, code: 'too-many-exports', retryAfter: 120 });
    await expect(api.eraseUser('me')).rejects.toMatchObject({ status: 409, code: 'cannot-erase-self' });
  });
});

describe('AdminApi retention', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads and sets every room’s retention, for good as null, and runs a sweep', async () => {
    const calls: unknown[][] = [];
    const record = (method: string) =>
      vi.fn(async (...args: unknown[]) => {
        calls.push([method, ...args]);
        return {};
      });
    const http = { get: record('GET'), put: record('PUT'), post: record('POST') };
    const api = new AdminApi(http as unknown as Http);
    await api.retention();
    await api.setRetention(30);
    await api.setRetention(null);
    await api.sweepRetention();
    expect(calls).toEqual([
      ['GET', '/api/v1/chat/admin/retention'],
      ['PUT', '/api/v1/chat/admin/retention', { days: 30 }],
      ['PUT', '/api/v1/chat/admin/retention', { days: null }],
      ['POST', '/api/v1/chat/admin/retention/sweep'],
    ]);
  });

  it('sends “for good” as a JSON null, and shows the refusal’s field', async () => {
    const fetch = vi.fn(async (_url: string, init?: RequestInit) =>
      init?.method === 'PUT' && init.body === '{"days":0}'
        ? new Response(JSON.stringify({ status: 400, detail: 'The request has invalid fields.', errors: [{ field: 'days', message: 'must be at least 1 day, or null to keep messages for good' }] }), {
            status: 400,
            headers: { 'Content-Type': 'application/problem+json' },
          })
        : new Response(JSON.stringify(init?.method === 'POST' ? { rooms: 2, messages: 40 } : { days: null }), { headers: { 'Content-Type': 'application/json' } }),
    );
    vi.stubGlobal('fetch', fetch);
    const api = new AdminApi(new Http(() => 'token'));
    expect(await api.setRetention(null)).toEqual({ days: null });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/v1/chat/admin/retention');
    expect(init).toMatchObject({ method: 'PUT', body: '{"days":null}' });
    expect((init!.headers as Record<string, string>)['Content-Type']).toBe('application/json');

    const refused = await api.setRetention(0).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).fieldError('days')).toBe('must be at least 1 day, or null to keep messages for good');

    expect(await api.sweepRetention()).toEqual({ rooms: 2, messages: 40 });
    expect(fetch.mock.calls[2][1]).toMatchObject({ method: 'POST' });
  });
});
