import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message, MessagePage } from '../types.js';
import { FakeSocket } from '../../test/FakeSocket.js';
import type { ServerFrame } from './frames.js';
import { PING_MS, RealtimeClient, type ConnectionState } from './RealtimeClient.js';

const msg = (roomId: string, seq: number): Message => ({
  id: `${roomId}-${seq}`,
  roomId,
  seq,
  senderId: 'u2',
  senderName: 'Ana',
  text: `message ${seq}`,
  createdAt: new Date(2026, 0, 1, 10, seq).toISOString(),
});

type AccessToken = (validAfter: number, refused?: string) => Promise<string | undefined>;

interface Options {
  fetchAfter?: (roomId: string, after: number) => Promise<MessagePage>;
  /** each ticket authorizes its socket for this many seconds from when it is bought */
  authFor?: number;
  accessToken?: AccessToken;
  /** the server answers every ping (tests that run for minutes) */
  pong?: boolean;
}

function setup({ fetchAfter = async () => ({ messages: [], hasMore: false }), authFor, accessToken, pong = false }: Options = {}) {
  const delivered: Message[] = [];
  const states: Array<[ConnectionState, boolean]> = [];
  const frames: ServerFrame[] = [];
  const updates: Message[] = [];
  const sessionEnded = vi.fn();
  const rewound = vi.fn();
  const ticket = vi.fn(async () => ({
    ticket: `t${ticket.mock.calls.length}`,
    authExpiresAt: authFor === undefined ? undefined : new Date(Date.now() + authFor * 1000).toISOString(),
  }));
  const fetchSpy = vi.fn(fetchAfter);
  const client = new RealtimeClient(
    {
      ticket,
      url: (t) => `ws://test/api/v1/chat/ws?ticket=${t}`,
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        if (pong) {
          const send = socket.send.bind(socket);
          socket.send = (data) => {
            send(data);
            if ((JSON.parse(data) as { type: string }).type === 'ping') queueMicrotask(() => socket.receive({ type: 'pong' }));
          };
        }
        return socket;
      },
      fetchAfter: fetchSpy,
      accessToken,
      random: () => 0.5,
    },
    {
      message: (m) => delivered.push(m),
      updated: (m) => updates.push(m),
      frame: (f) => frames.push(f),
      state: (s, recovered) => states.push([s, recovered]),
      sessionEnded,
      rewound,
    },
  );
  return { client, delivered, states, frames, updates, fetchSpy, ticket, sessionEnded, rewound };
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

  it('rejoins with sinceVersion: the last version below which every change was seen', async () => {
    const { client, updates } = setup();
    client.follow('r1', 3);
    client.start();
    await flush();
    const first = FakeSocket.latest();
    first.open();
    first.receive({ type: 'joined', roomId: 'r1', lastSeq: 3, version: 4 });
    const changed = (version: number): Message => ({ ...msg('r1', 2), text: `v${version}`, version });
    first.receive({ type: 'message_updated', message: changed(6) }); // two servers' changes cross
    first.receive({ type: 'message_updated', message: changed(5) });
    first.receive({ type: 'message_updated', message: changed(8) }); // 7 never came (yet)
    expect(updates.map((m) => m.version)).toEqual([6, 5, 8]);
    expect(client.version('r1')).toBe(6);
    first.drop();
    await vi.advanceTimersByTimeAsync(1_100);
    await flush();
    const second = FakeSocket.latest();
    second.open();
    expect(second.ofType('join_room')).toEqual([{ type: 'join_room', roomId: 'r1', lastSeq: 3, sinceVersion: 6 }]);
    second.receive({ type: 'joined', roomId: 'r1', lastSeq: 3, version: 9 });
    expect(client.version('r1')).toBe(9);
  });

  it('follows a room whose history went back (a restored server) from the head it names', async () => {
    const { client, delivered, rewound } = setup();
    client.follow('r1', 5);
    client.start();
    await flush();
    const s = FakeSocket.latest();
    s.open();
    s.receive({ type: 'joined', roomId: 'r1', lastSeq: 3, version: 3 });
    expect(rewound).toHaveBeenCalledWith('r1');
    expect(client.lastSeq('r1')).toBe(3);
    expect(client.version('r1')).toBe(3);
    // the seqs after the restored head are new messages, not repeats of what was seen
    s.receive({ type: 'message_received', message: msg('r1', 4) });
    expect(delivered.map((m) => m.seq)).toEqual([4]);
  });

  it('keeps its place when the joined head is at or past it', async () => {
    const { client, rewound } = setup();
    client.follow('r1', 5);
    client.start();
    await flush();
    const s = FakeSocket.latest();
    s.open();
    s.receive({ type: 'joined', roomId: 'r1', lastSeq: 5, version: 7 });
    s.receive({ type: 'joined', roomId: 'r1', lastSeq: 9, version: 9 });
    expect(rewound).not.toHaveBeenCalled();
    expect(client.lastSeq('r1')).toBe(5);
  });

  it('unpacks a batch frame into its frames, in order', async () => {
    const { client, delivered, frames } = setup();
    client.follow('r1', 0);
    client.start();
    await flush();
    const s = FakeSocket.latest();
    s.open();
    s.receive({
      type: 'batch',
      frames: [
        { type: 'message_received', message: msg('r1', 1) },
        { type: 'typing', roomId: 'r1', user: { id: 'u2', username: 'ana', displayName: 'Ana' }, typing: true },
        { type: 'message_received', message: msg('r1', 2) },
      ],
    });
    expect(delivered.map((m) => m.seq)).toEqual([1, 2]);
    expect(frames.map((f) => f.type)).toEqual(['typing']);
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
    const { client, delivered, fetchSpy } = setup({
      fetchAfter: async (_room, after) => ({ messages: [msg('r1', after + 1), msg('r1', after + 2)], hasMore: false }),
    });
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

const T0 = Date.parse('2026-01-01T10:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

describe('RealtimeClient authorization', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  async function online(options: Options & { rooms?: Record<string, number> }) {
    const ctx = setup({ pong: true, ...options });
    for (const [roomId, lastSeq] of Object.entries(options.rooms ?? {})) ctx.client.follow(roomId, lastSeq);
    ctx.client.start();
    await flush();
    const socket = FakeSocket.latest();
    socket.open();
    return { ...ctx, socket };
  }

  /** Moves the clock on and lets the token promise resolve and the frame go out. */
  async function advance(ms: number) {
    await vi.advanceTimersByTimeAsync(ms);
    await flush();
  }

  it('renews 60 s before the authorization runs out with a fresh token, and again from the expiresAt of auth_ok', async () => {
    const accessToken = vi.fn<AccessToken>().mockResolvedValueOnce('fresh-1').mockResolvedValueOnce('fresh-2');
    const { socket, client } = await online({ authFor: 300, accessToken });

    await advance(239_999);
    expect(accessToken).not.toHaveBeenCalled();
    expect(socket.ofType('auth')).toEqual([]);
    await advance(1);
    // asks for a token that outlives the socket's current authorization (T0 + 300 s)
    expect(accessToken).toHaveBeenCalledWith(T0 + 300_000, undefined);
    expect(socket.ofType('auth')).toEqual([{ type: 'auth', token: 'fresh-1' }]);

    socket.receive({ type: 'auth_ok', expiresAt: at(540_000) });
    // the next one 60 s before the new expiry (480 s), nothing in between (no retry, no timeout)
    await advance(239_999);
    expect(socket.ofType('auth')).toHaveLength(1);
    await advance(1);
    expect(accessToken).toHaveBeenLastCalledWith(T0 + 540_000, undefined);
    expect(socket.ofType('auth')).toEqual([
      { type: 'auth', token: 'fresh-1' },
      { type: 'auth', token: 'fresh-2' },
    ]);
    expect(FakeSocket.all).toHaveLength(1);
    expect(client.state).toBe('online');
  });

  it('renews a short authorization at 3/4 of its remaining lifetime', async () => {
    const accessToken = vi.fn<AccessToken>(async () => 'fresh');
    const { socket } = await online({ authFor: 40, accessToken });
    await advance(29_999);
    expect(socket.ofType('auth')).toHaveLength(0);
    await advance(1);
    expect(socket.ofType('auth')).toHaveLength(1);
    socket.receive({ type: 'auth_ok', expiresAt: at(50_000) }); // 20 s left: the next at 15 s
    await advance(14_999);
    expect(socket.ofType('auth')).toHaveLength(1);
    await advance(1);
    expect(socket.ofType('auth')).toHaveLength(2);
  });

  it('never schedules a renewal sooner than 5 s ahead', async () => {
    const accessToken = vi.fn<AccessToken>(async () => 'fresh');
    const { socket } = await online({ authFor: 4, accessToken }); // 3/4 of it would be 3 s
    await advance(4_999);
    expect(accessToken).not.toHaveBeenCalled();
    await advance(1);
    expect(socket.ofType('auth')).toEqual([{ type: 'auth', token: 'fresh' }]);
  });

  it('an auth_ok that does not extend the authorization counts as a failed renewal', async () => {
    const accessToken = vi.fn<AccessToken>(async () => 'same');
    const { socket } = await online({ authFor: 300, accessToken });
    await advance(240_000);
    socket.receive({ type: 'auth_ok', expiresAt: at(300_000) }); // the token could not be refreshed
    await advance(1_999);
    expect(socket.ofType('auth')).toHaveLength(1);
    await advance(1);
    expect(socket.ofType('auth')).toHaveLength(2);
    expect(accessToken).toHaveBeenLastCalledWith(T0 + 300_000, undefined);
  });

  it('a renewal that gets no token retries after 2 s and 4 s, then sends the fresh one', async () => {
    const accessToken = vi
      .fn<AccessToken>()
      .mockResolvedValueOnce(undefined)
      .mockRejectedValueOnce(new Error('network'))
      .mockResolvedValueOnce('fresh');
    const { socket } = await online({ authFor: 300, accessToken });
    await advance(240_000);
    expect(accessToken).toHaveBeenCalledTimes(1);
    await advance(1_999);
    expect(accessToken).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(accessToken).toHaveBeenCalledTimes(2);
    await advance(3_999);
    expect(accessToken).toHaveBeenCalledTimes(2);
    expect(socket.ofType('auth')).toEqual([]);
    await advance(1);
    expect(accessToken).toHaveBeenCalledTimes(3);
    expect(socket.ofType('auth')).toEqual([{ type: 'auth', token: 'fresh' }]);
  });

  it('an unanswered auth frame counts as a failed renewal and is retried', async () => {
    const accessToken = vi.fn<AccessToken>(async () => 'fresh');
    const { socket } = await online({ authFor: 300, accessToken });
    await advance(240_000);
    expect(socket.ofType('auth')).toHaveLength(1);
    await advance(10_000 + 1_999); // 10 s without an answer, then the first retry waits 2 s
    expect(socket.ofType('auth')).toHaveLength(1);
    await advance(1);
    expect(socket.ofType('auth')).toHaveLength(2);
  });

  it('invalid-token retries with a token other than the refused one; when the retries run out the 4001 close reconnects', async () => {
    let n = 0;
    const accessToken = vi.fn<AccessToken>(async () => `tok-${++n}`);
    const { socket, frames, ticket, sessionEnded } = await online({ authFor: 300, accessToken });
    await advance(240_000);
    for (const [wait, refused] of [
      [2_000, 'tok-1'],
      [4_000, 'tok-2'],
      [8_000, 'tok-3'],
    ] as const) {
      socket.receive({ type: 'error', code: 'invalid-token', message: 'The token is not valid.' });
      await advance(wait);
      expect(accessToken).toHaveBeenLastCalledWith(T0 + 300_000, refused);
      expect(socket.ofType('auth').at(-1)).toEqual({ type: 'auth', token: `tok-${Number(refused.slice(4)) + 1}` });
    }
    socket.receive({ type: 'error', code: 'invalid-token', message: 'The token is not valid.' });
    await advance(40_000); // three retries were enough: the authorization runs out
    expect(socket.ofType('auth')).toHaveLength(4);
    expect(frames).toEqual([]); // the renewal's own errors are not the app's business

    socket.drop(4001, 'token expired');
    await flush(); // no backoff timer: straight to a new ticket
    expect(ticket).toHaveBeenCalledTimes(2);
    expect(FakeSocket.all).toHaveLength(2);
    expect(FakeSocket.latest().url).toContain('ticket=t2');
    expect(sessionEnded).not.toHaveBeenCalled();
  });

  it('a 4001 close reconnects at once with a new ticket and rejoins every room from its last seq, nothing twice', async () => {
    // no token source: the authorization runs out and the server closes with 4001
    const { socket, client, delivered, states, sessionEnded } = await online({ authFor: 300, rooms: { r1: 0, r2: 10 } });
    socket.receive({ type: 'message_received', message: msg('r1', 1) });
    socket.receive({ type: 'message_received', message: msg('r1', 2) });
    socket.receive({ type: 'message_received', message: msg('r2', 11) });
    await advance(300_000);
    expect(socket.ofType('auth')).toEqual([]);
    socket.drop(4001, 'token expired');
    expect(client.state).toBe('reconnecting');
    await flush();

    const second = FakeSocket.latest();
    expect(second).not.toBe(socket);
    expect(second.url).toContain('ticket=t2');
    second.open();
    expect(second.ofType('join_room')).toEqual([
      { type: 'join_room', roomId: 'r1', lastSeq: 2 },
      { type: 'join_room', roomId: 'r2', lastSeq: 11 },
    ]);
    second.receive({ type: 'message_received', message: msg('r1', 2) }); // replayed from lastSeq
    second.receive({ type: 'message_received', message: msg('r1', 3) });
    expect(delivered.map((m) => `${m.roomId}:${m.seq}`)).toEqual(['r1:1', 'r1:2', 'r2:11', 'r1:3']);
    expect(states.at(-1)).toEqual(['online', true]);
    expect(states.map(([s]) => s)).not.toContain('idle');
    expect(sessionEnded).not.toHaveBeenCalled();
  });

  it('a 4001 on a socket that has only just opened backs off like any other close', async () => {
    const { socket } = await online({ authFor: 1 });
    socket.drop(4001, 'token expired');
    await flush();
    expect(FakeSocket.all).toHaveLength(1);
    await advance(1_000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it.each([
    ['session ended', 'session-ended'],
    ['user disabled', 'user-disabled'],
  ])('a 1008 "%s" close stops reconnecting and signals sign-out', async (reason, expected) => {
    const accessToken = vi.fn<AccessToken>(async () => 'fresh');
    const { socket, client, ticket, sessionEnded } = await online({ authFor: 300, accessToken, rooms: { r1: 0 } });
    socket.drop(1008, reason);
    expect(sessionEnded).toHaveBeenCalledExactlyOnceWith(expected);
    expect(client.state).toBe('idle');
    await advance(600_000);
    expect(ticket).toHaveBeenCalledTimes(1);
    expect(FakeSocket.all).toHaveLength(1);
    expect(accessToken).not.toHaveBeenCalled(); // the renewal died with the socket
    client.reconnectNow(); // nor does the network coming back revive it
    await flush();
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('any other 1008 (a used ticket, a client too far behind) reconnects with backoff', async () => {
    const { socket, client, sessionEnded } = await online({ authFor: 300 });
    socket.drop(1008, 'too slow');
    expect(sessionEnded).not.toHaveBeenCalled();
    expect(client.state).toBe('reconnecting');
    await advance(1_000);
    expect(FakeSocket.all).toHaveLength(2);
  });
});
