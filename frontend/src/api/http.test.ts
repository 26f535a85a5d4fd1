import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, contentDispositionFilename, Http, retryAfterSeconds } from './http';

describe('retryAfterSeconds', () => {
  const now = Date.parse('2026-12-02T10:00:00Z');

  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterSeconds('7', now)).toBe(7);
    expect(retryAfterSeconds(' 0 ', now)).toBe(0);
    expect(retryAfterSeconds('Wed, 02 Dec 2026 10:01:30 GMT', now)).toBe(90);
    expect(retryAfterSeconds('Wed, 02 Dec 2026 09:59:00 GMT', now)).toBe(0);
  });

  it('is undefined when absent or unreadable', () => {
    expect(retryAfterSeconds(null, now)).toBeUndefined();
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds('-5', now)).toBeUndefined();
  });
});

describe('Http.blob', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('fetches a file with the bearer token; a refusal is an ApiError', async () => {
    const fetch = vi.fn(async (url: string) =>
      url.endsWith('/f1') ? new Response('png bytes', { headers: { 'Content-Type': 'image/png' } }) : new Response('{"title":"Not found"}', { status: 404 }),
    );
    vi.stubGlobal('fetch', fetch);
    const http = new Http(() => 'tok');
    const blob = await http.blob('/api/v1/chat/files/f1');
    expect(await blob.text()).toBe('png bytes');
    expect(fetch).toHaveBeenCalledWith('/api/v1/chat/files/f1', { headers: { Authorization: 'Bearer tok' } });
    await expect(http.blob('/api/v1/chat/files/gone')).rejects.toEqual(expect.any(ApiError));
    await expect(http.blob('/api/v1/chat/files/gone')).rejects.toMatchObject({ status: 404 });
  });
});

describe('ApiError.code', () => {
  it('is the last segment of the problem type, so "owner" is not mistaken for "not-the-owner"', () => {
    expect(new ApiError(403, { type: 'https://blau.dev/problems/not-the-owner' }).code).toBe('not-the-owner');
    expect(new ApiError(409, { type: 'https://blau.dev/problems/owner' }).code).toBe('owner');
    expect(new ApiError(403, { type: 'banned' }).code).toBe('banned');
    expect(new ApiError(500, {}).code).toBeUndefined();
  });
});

describe('contentDispositionFilename', () => {
  it('reads a quoted, a plain and an RFC 5987 name, preferring the last', () => {
    expect(contentDispositionFilename('attachment; filename="blau-export-ana.zip"')).toBe('blau-export-ana.zip');
    expect(contentDispositionFilename('attachment; filename=export.zip; size=3')).toBe('export.zip');
    expect(contentDispositionFilename(`attachment; filename="Jo_o.zip"; filename*=UTF-8''Jo%C3%A3o%20dados.zip`)).toBe('João dados.zip');
    expect(contentDispositionFilename('attachment; filename="a \\"quoted\\" name.zip"')).toBe('a "quoted" name.zip');
  });

  it('keeps no folder, and is undefined without a name', () => {
    expect(contentDispositionFilename('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(contentDispositionFilename('attachment')).toBeUndefined();
    expect(contentDispositionFilename(null)).toBeUndefined();
    expect(contentDispositionFilename('attachment; filename=""')).toBeUndefined();
  });
});

describe('Http.download', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gives the bytes and the name from Content-Disposition; a refusal keeps its Retry-After', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.endsWith('/ok')
          ? new Response('zip', { headers: { 'Content-Disposition': 'attachment; filename="x.zip"' } })
          : new Response('{"type":"https://blau.dev/problems/slow-down"}', { status: 429, headers: { 'Retry-After': '12' } }),
      ),
    );
    const http = new Http(() => 'tok');
    const { blob, filename } = await http.download('/ok');
    expect([await blob.text(), filename]).toEqual(['zip', 'x.zip']);
    await expect(http.download('/busy')).rejects.toMatchObject({ status: 429, code: 'slow-down', retryAfter: 12 });
  });
});
