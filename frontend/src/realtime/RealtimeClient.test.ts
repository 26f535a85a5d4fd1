import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message, MessagePage } from '../api/types';
import { FakeSocket } from '../test/FakeSocket';
import { PING_MS, RealtimeClient, type ConnectionState } from './RealtimeClient';

const msg = (roomId: string, seq: number): Message => ({
  id: `${roomId}-${seq}`,
  roomId,
  seq,
  senderId: 'u2',
  senderName: 'Ana',
  text: `message ${seq}`,
  createdAt: new Date(2026, 0, 1, 10, seq).toISOString(),
});

function setup(fetchAfter: (roomId: string, after: number) => Promise<MessagePage> = async () => ({ messages: [], hasMore: false })) {
  const delivered: Message[] = [];
  const states: Array<[ConnectionState, boolean]> = [];
  let tickets = 0;
  const fetchSpy = vi.fn(fetchAfter);
  const client = new RealtimeClient(
    {
      ticket: async () => `t${++tickets}`,
      url: (t) => `ws://test/api/v1/chat/ws?ticket=${t}`,
      createSocket: (url) => new FakeSocket(url),
      fetchAfter: fetchSpy,
      random: () => 0.5,
    },
    {
      message: (m) => delivered.push(m),
      frame: () => {},
      state: (s, recovered) => states.push([s, recovered]),
    },
  );
  return { client, delivered, states, fetchSpy };
}

/** Lets the ticket promise resolve and the socket get created. */
async function flush() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('RealtimeClient', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('connects with a fresh ticket and joins every followed room with its last seq', async () => {
    const { client } = setup();
    client.follow('r1', 4);
    client.follow('r2', 0);
    client.start();
    await flush();
    const s = FakeSocket.latest();
    expect(s.url).toBe('ws://test/api/v1/chat/ws?ticket=t1');
    s.open();
    expect(s.ofType('join_room')).toEqual([
      { type: 'join_room', roomId: 'r1', lastSeq: 4 },
      { type: 'join_room', roomId: 'r2', lastSeq: 0 },
    ]);
    expect(client.state).toBe('online');
  });

  it('after a drop reconnects with backoff and re-joins each room from the last seq it delivered', async () => {
    const { client, delivered, states } = setup();
    client.follow('r1', 0);
    client.follow('r2', 10);
    client.start();
    await flush();
    const first = FakeSocket.latest();
    first.open();
    first.receive({ type: 'message_received', message: msg('r1', 1) });
    first.receive({ type: 'message_received', message: msg('r1', 2) });
    first.receive({ type: 'message_received', message: msg('r2', 11) });
    first.drop();
    expect(client.state).toBe('reconnecting');

    // first retry waits between half and all of 1 s (jitter): nothing before
    await vi.advanceTimersByTimeAsync(400);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(700);
    await flush();
    const second = FakeSocket.latest();
    expect(second).not.toBe(first);
    expect(second.url).toContain('ticket=t2'); // tickets are single use
    second.open();
    expect(second.ofType('join_room')).toEqual([
      { type: 'join_room', roomId: 'r1', lastSeq: 2 },
      { type: 'join_room', roomId: 'r2', lastSeq: 11 },
    ]);
    // the server replays from lastSeq; anything it sends twice is dropped
    second.receive({ type: 'message_received', message: msg('r1', 2) });
    second.receive({ type: 'message_received', message: msg('r1', 3) });
    expect(delivered.map((m) => `${m.roomId}:${m.seq}`)).toEqual(['r1:1', 'r1:2', 'r2:11', 'r1:3']);
    expect(states.at(-1)).toEqual(['online', true]); // "back online"
  });

  it('backs off exponentially while the server stays away', async () => {
    const { client } = setup();
    client.start();
    await flush();
    FakeSocket.latest().drop(); // never opened
    await vi.advanceTimersByTimeAsync(1000);
    await flush();
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.latest().drop();
    await vi.advanceTimersByTimeAsync(1400); // second wait: 1–2 s (0.75 × 2 s with this jitter)
    expect(FakeSocket.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(200);
    await flush();
    expect(FakeSocket.all).toHaveLength(3);
  });

  it('drops duplicates: the same seq from a live frame and an ack is delivered once', async () => {
    const { client, delivered } = setup();
    client.follow('r1', 0);
    client.start();
    await flush();
    const s = FakeSocket.latest();
    s.open();
    s.receive({ type: 'ack', clientMsgId: 'c1', message: msg('r1', 1) });
    s.receive({ type: 'message_received', message: msg('r1', 1) });
    s.receive({ type: 'message_received', message: msg('r1', 1) });
    expect(delivered.map((m) => m.seq)).toEqual([1]);
  });

  it('a seq jump fetches the hole with ?after= and delivers everything in order', async () => {
    const { client, delivered, fetchSpy } = setup(async (_room, after) => ({
      messages: [msg('r1', after + 1), msg('r1', after + 2)],
      hasMore: false,
    }));
    client.follow('r1', 1);
    client.start();
    await flush();
    const s = FakeSocket.latest();
    s.open();
    s.receive({ type: 'message_received', message: msg('r1', 2) });
    s.receive({ type: 'message_received', message: msg('r1', 5) }); // 3 and 4 missing
    expect(delivered.map((m) => m.seq)).toEqual([2]);
    await flush();
    expect(fetchSpy).toHaveBeenCalledWith('r1', 2);
    expect(delivered.map((m) => m.seq)).toEqual([2, 3, 4, 5]);
    s.receive({ type: 'message_received', message: msg('r1', 4) }); // late duplicate
    expect(delivered.map((m) => m.seq)).toEqual([2, 3, 4, 5]);
  });

  it('pings every 30 s and treats a missing pong as a dead connection', async () => {
    const { client } = setup();
    client.start();
    await flush();
    const s = FakeSocket.latest();
    s.open();
    await vi.advanceTimersByTimeAsync(PING_MS);
    expect(s.ofType('ping')).toHaveLength(1);
    s.receive({ type: 'pong' });
    await vi.advanceTimersByTimeAsync(PING_MS);
    expect(s.ofType('ping')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10_000); // no pong this time
    expect(client.state).toBe('reconnecting');
  });

  it('send() refuses while disconnected, so callers can fall back to REST', async () => {
    const { client } = setup();
    expect(client.send({ type: 'ping' })).toBe(false);
    client.start();
    await flush();
    FakeSocket.latest().open();
    expect(client.send({ type: 'ping' })).toBe(true);
    client.stop();
    expect(client.send({ type: 'ping' })).toBe(false);
    expect(client.state).toBe('idle');
  });
});
