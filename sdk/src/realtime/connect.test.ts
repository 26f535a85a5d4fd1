import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../../test/FakeSocket.js';
import { createBlauClient, type BlauAuth } from '../rest.js';
import type { Message } from '../types.js';
import { connectRealtime, realtimeUrl } from './connect.js';

const msg = (seq: number): Message => ({
  id: `m${seq}`,
  roomId: 'r1',
  seq,
  senderId: 'u2',
  text: `message ${seq}`,
  createdAt: '2026-01-01T10:00:00Z',
});

function client(auth: BlauAuth = { bot: 'secret' }, baseUrl = 'https://chat.example.com', authFor?: number) {
  const calls: Array<{ url: string; authorization?: string }> = [];
  let tickets = 0;
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, authorization: (init?.headers as Record<string, string>).Authorization });
    const body = url.endsWith('/ws-ticket')
      ? { ticket: `t${++tickets}`, expiresIn: 30, authExpiresAt: authFor ? new Date(Date.now() + authFor * 1000).toISOString() : undefined }
      : { messages: [msg(2), msg(3)], hasMore: false };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  return { rest: createBlauClient({ baseUrl, auth, fetch }), calls };
}

async function flush() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('connectRealtime', () => {
  beforeEach(() => {
    FakeSocket.all = [];
  });
  afterEach(() => vi.unstubAllGlobals());

  it("opens the socket with a ticket from the REST client and fills holes from its history", async () => {
    const { rest, calls } = client();
    const delivered: number[] = [];
    const realtime = connectRealtime(rest, { message: (m) => delivered.push(m.seq) }, { createSocket: (url) => new FakeSocket(url) });
    realtime.follow('r1', 1);
    await flush();
    const socket = FakeSocket.latest();
    expect(socket.url).toBe('wss://chat.example.com/api/v1/chat/ws?ticket=t1&batch=1');
    expect(calls[0]).toEqual({ url: 'https://chat.example.com/api/v1/chat/ws-ticket', authorization: 'Bot secret' });
    socket.open();
    expect(socket.ofType('join_room')).toEqual([{ type: 'join_room', roomId: 'r1', lastSeq: 1 }]);

    socket.receive({ type: 'message_received', message: msg(4) }); // 2 and 3 are missing
    await flush();
    expect(calls[1].url).toBe('https://chat.example.com/api/v1/chat/rooms/r1/messages?after=1');
    expect(delivered).toEqual([2, 3, 4]);
    realtime.stop();
    expect(realtime.state).toBe('idle');
  });

  it("uses the global WebSocket when there is one, and calls the handlers given on their object", async () => {
    vi.stubGlobal('WebSocket', FakeSocket);
    const { rest } = client({ bot: 'secret' }, 'http://localhost:9080/');
    const handlers = {
      seen: [] as string[],
      frame(this: { seen: string[] }, frame: { type: string }) {
        this.seen.push(frame.type);
      },
    };
    const realtime = connectRealtime(rest, handlers);
    await flush();
    const socket = FakeSocket.latest();
    expect(socket.url).toBe('ws://localhost:9080/api/v1/chat/ws?ticket=t1&batch=1');
    socket.open();
    socket.receive({ type: 'room_deleted', roomId: 'r9' });
    expect(handlers.seen).toEqual(['room_deleted']);
    realtime.stop();
  });

  it('refuses to start without a way to open a socket (Node 20 has no global WebSocket)', () => {
    vi.stubGlobal('WebSocket', undefined);
    expect(() => connectRealtime(client().rest, {})).toThrow(/createSocket/);
  });

  it("renews a person's socket with the token their bearer function answers", async () => {
    vi.useFakeTimers();
    try {
      const bearer = vi.fn(async () => 'access-token');
      const { rest, calls } = client({ bearer }, 'https://chat.example.com', 20);
      const realtime = connectRealtime(rest, {}, { createSocket: (url) => new FakeSocket(url), wsUrl: (t) => `ws://elsewhere/ws?ticket=${t}` });
      await vi.advanceTimersByTimeAsync(0);
      const socket = FakeSocket.latest();
      expect(socket.url).toBe('ws://elsewhere/ws?ticket=t1');
      expect(calls[0].authorization).toBe('Bearer access-token');
      socket.open();
      await vi.advanceTimersByTimeAsync(15_000); // 5 s before the authorization runs out
      expect(socket.ofType('auth')).toEqual([{ type: 'auth', token: 'access-token' }]);
      realtime.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('realtimeUrl', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('turns http(s) into ws(s) and keeps a path prefix', () => {
    expect(realtimeUrl('https://chat.example.com/blau/', 'a b')).toBe('wss://chat.example.com/blau/api/v1/chat/ws?ticket=a%20b&batch=1');
    expect(realtimeUrl('http://localhost:9080', 't')).toBe('ws://localhost:9080/api/v1/chat/ws?ticket=t&batch=1');
  });

  it("takes the page's origin for a relative base URL", () => {
    vi.stubGlobal('location', { protocol: 'https:', host: 'blau.example' });
    expect(realtimeUrl('', 't')).toBe('wss://blau.example/api/v1/chat/ws?ticket=t&batch=1');
    vi.stubGlobal('location', undefined);
    expect(() => realtimeUrl('', 't')).toThrow(/not absolute/);
  });
});

describe('connectRealtime types', () => {
  it("takes the browser's WebSocket as it is", () => {
    const typesOnly = () => connectRealtime(client().rest, {}, { createSocket: (url) => new WebSocket(url) });
    expect(typesOnly).toBeTypeOf('function');
  });
});
