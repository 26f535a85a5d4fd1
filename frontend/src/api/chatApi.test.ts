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

describe('ChatApi moderation', () => {
  function api() {
    const calls: Array<[string, string, unknown?]> = [];
    const record = (method: string) => vi.fn(async (path: string, body?: unknown) => {
      calls.push(body === undefined ? [method, path] : [method, path, body]);
      return {};
    });
    const http = { get: record('GET'), put: record('PUT'), post: record('POST'), delete: record('DELETE') };
    return { api: new ChatApi(http as unknown as Http), calls };
  }

  it('reads the room’s retention and sets it, following the workspace as null', async () => {
    const { api: chat, calls } = api();
    await chat.roomRetention('r 1');
    await chat.setRoomRetention('r 1', 7);
    await chat.setRoomRetention('r1', null);
    expect(calls).toEqual([
      ['GET', '/api/v1/chat/rooms/r%201/retention'],
      ['PUT', '/api/v1/chat/rooms/r%201/retention', { days: 7 }],
      ['PUT', '/api/v1/chat/rooms/r1/retention', { days: null }],
    ]);
  });

  it('changes a room’s details with only the fields given', async () => {
    const { api: chat, calls } = api();
    await chat.updateRoom('r 1', { name: 'ops', description: '' });
    await chat.updateRoom('r1', { visibility: 'public' });
    expect(calls).toEqual([
      ['PUT', '/api/v1/chat/rooms/r%201', { name: 'ops', description: '' }],
      ['PUT', '/api/v1/chat/rooms/r1', { visibility: 'public' }],
    ]);
  });

  it('bans with a reason and an end, or for good without them; lists and lifts bans', async () => {
    const { api: chat, calls } = api();
    await chat.ban('r1', 'u/2', 'spam', '2026-12-02T11:00:00.000Z');
    await chat.ban('r1', 'u2', '');
    await chat.bans('r1');
    await chat.unban('r1', 'u/2');
    expect(calls[0]).toEqual(['POST', '/api/v1/chat/rooms/r1/bans', { userId: 'u/2', reason: 'spam', until: '2026-12-02T11:00:00.000Z' }]);
    // what goes over the wire: no reason or until at all for a permanent ban without one
    expect(JSON.stringify(calls[1][2])).toBe('{"userId":"u2"}');
    expect(calls.slice(2)).toEqual([
      ['GET', '/api/v1/chat/rooms/r1/bans'],
      ['DELETE', '/api/v1/chat/rooms/r1/bans/u%2F2'],
    ]);
  });

  it('mutes until a time, lists and lifts mutes, and removes a member without a ban', async () => {
    const { api: chat, calls } = api();
    await chat.mute('r1', 'u2', '2026-12-02T10:15:00.000Z');
    await chat.mutes('r1');
    await chat.unmute('r1', 'u2');
    await chat.removeMember('r1', 'u2');
    expect(calls).toEqual([
      ['POST', '/api/v1/chat/rooms/r1/mutes', { userId: 'u2', until: '2026-12-02T10:15:00.000Z' }],
      ['GET', '/api/v1/chat/rooms/r1/mutes'],
      ['DELETE', '/api/v1/chat/rooms/r1/mutes/u2'],
      ['DELETE', '/api/v1/chat/rooms/r1/members/u2'],
    ]);
  });
});
