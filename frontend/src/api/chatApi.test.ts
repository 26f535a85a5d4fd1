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

describe('ChatApi files', () => {
  it('sends attachments by id with a message, and no field without them', async () => {
    const post = vi.fn(async () => ({}));
    const api = new ChatApi({ post } as unknown as Http);
    await api.send('r 1', '', 'c1', undefined, ['f1', 'f2']);
    await api.send('r1', 'hi', 'c2', 3, []);
    expect(post.mock.calls[0]).toEqual(['/api/v1/chat/rooms/r%201/messages', { text: '', clientMsgId: 'c1', replyToSeq: undefined, attachments: ['f1', 'f2'] }]);
    expect(JSON.stringify((post.mock.calls[1] as unknown[])[1])).toBe('{"text":"hi","clientMsgId":"c2","replyToSeq":3}');
  });

  it('uploads to the room’s files and fetches files by the URL the server gave', async () => {
    const upload = vi.fn(() => ({ done: Promise.resolve({}), abort: vi.fn() }));
    const blob = vi.fn(async () => new Blob(['x']));
    const api = new ChatApi({ upload, blob } as unknown as Http);
    const file = new File(['x'], 'a.txt');
    const onProgress = vi.fn();
    api.upload('r1', file, onProgress);
    expect(upload).toHaveBeenCalledWith('/api/v1/chat/rooms/r1/files', file, onProgress);
    await api.file('/api/v1/chat/files/f1/thumbnail');
    expect(blob).toHaveBeenCalledWith('/api/v1/chat/files/f1/thumbnail');
  });
});
