import { describe, expect, it, vi } from 'vitest';
import { ChatApi } from './chatApi';
import type { Http } from './http';

describe('ChatApi.searchMessages', () => {
  it('asks for the query and only the options given, encoded', async () => {
    const get = vi.fn(async () => ({ results: [], nextCursor: null }));
    const api = new ChatApi({ get } as unknown as Http);
    await api.searchMessages({ q: '"ação concluída" from:@ana' });
    await api.searchMessages({ q: 'deploy', roomId: 'r 1', limit: 20, sort: 'relevance', cursor: 'c/2+' });
    const urls = get.mock.calls.map((call) => new URL(String((call as unknown[])[0]), 'http://x'));
    expect(urls[0].pathname).toBe('/api/v1/chat/search');
    expect([...urls[0].searchParams]).toEqual([['q', '"ação concluída" from:@ana']]);
    expect(Object.fromEntries(urls[1].searchParams)).toEqual({ q: 'deploy', roomId: 'r 1', limit: '20', sort: 'relevance', cursor: 'c/2+' });
  });
});
