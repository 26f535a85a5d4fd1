import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatApi } from '../api/chatApi';
import { ApiError } from '../api/http';
import type { FileInfo, Message, Room } from '../api/types';
import { FakeSocket } from '../test/FakeSocket';
import { ChatController } from './ChatController';

const room: Room = { id: 'r1', name: 'general', visibility: 'public', joined: true, lastMessage: undefined };

function fakeApi(overrides: Partial<Record<keyof ChatApi, unknown>> = {}) {
  return {
    rooms: vi.fn(async () => [room]),
    room: vi.fn(async () => ({ ...room, members: [] })),
    before: vi.fn(async () => ({ messages: [], hasMore: false })),
    after: vi.fn(async () => ({ messages: [], hasMore: false })),
    ticket: vi.fn(async () => ({ ticket: 't', expiresIn: 30 })),
    send: vi.fn(),
    markRead: vi.fn(async () => undefined),
    ...overrides,
  } as unknown as ChatApi;
}

const stored = (clientMsgId: string, seq = 1): Message => ({
  id: `m${seq}`,
  roomId: 'r1',
  seq,
  senderId: 'me',
  senderName: 'Me',
  text: 'hi',
  clientMsgId,
  createdAt: new Date().toISOString(),
});

async function flush() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('ChatController sending', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('shows a message as sending, then sent once acked', async () => {
    const c = new ChatController(fakeApi(), { id: 'me', username: 'me', name: 'Me' }, (url) => new FakeSocket(url));
    await c.start();
    await flush();
    FakeSocket.latest().open();
    c.send('r1', 'hi');
    const [frame] = FakeSocket.latest().ofType('send_message');
    expect(c.store.getState().pending.r1[0].status).toBe('sending');
    FakeSocket.latest().receive({ type: 'ack', clientMsgId: frame.clientMsgId, message: stored(String(frame.clientMsgId)) });
    expect(c.store.getState().pending.r1).toEqual([]);
    expect(c.store.timeline('r1').messages.map((m) => m.text)).toEqual(['hi']);
    c.stop();
  });

  it('reloads the open room when the server names a head below what was shown (restored from a backup)', async () => {
    const before = vi.fn()
      .mockResolvedValueOnce({ messages: [stored('a', 1), stored('b', 2), stored('c', 3)], hasMore: false })
      .mockResolvedValueOnce({ messages: [stored('a', 1)], hasMore: false });
    const rooms = vi.fn(async () => [{ ...room, lastMessage: stored('c', 3) }]);
    const c = new ChatController(fakeApi({ before, rooms }), { id: 'me', username: 'me', name: 'Me' }, (url) => new FakeSocket(url));
    await c.start();
    await flush();
    FakeSocket.latest().open();
    await c.open('r1');
    expect(c.store.timeline('r1').messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    FakeSocket.latest().receive({ type: 'joined', roomId: 'r1', lastSeq: 1, version: 1 });
    await flush();
    expect(before).toHaveBeenCalledTimes(2);
    expect(c.store.timeline('r1').messages.map((m) => m.seq)).toEqual([1]);
    c.stop();
  });

  it('marks a message failed without an ack, and a retry sends the same clientMsgId', async () => {
    const c = new ChatController(fakeApi(), { id: 'me', username: 'me', name: 'Me' }, (url) => new FakeSocket(url));
    await c.start();
    await flush();
    FakeSocket.latest().open();
    c.send('r1', 'hi');
    await vi.advanceTimersByTimeAsync(10_000);
    const pending = c.store.getState().pending.r1[0];
    expect(pending.status).toBe('failed');
    c.retry('r1', pending.clientMsgId);
    expect(c.store.getState().pending.r1[0].status).toBe('sending');
    const frames = FakeSocket.latest().ofType('send_message');
    expect(frames).toHaveLength(2);
    expect(frames[1].clientMsgId).toBe(frames[0].clientMsgId);
    c.stop();
  });

  it('falls back to REST while disconnected; a refusal marks it failed with the reason', async () => {
    const send = vi.fn().mockRejectedValueOnce(new ApiError(429, { detail: 'Slow down.' }));
    const c = new ChatController(fakeApi({ send }), { id: 'me', username: 'me', name: 'Me' }, (url) => new FakeSocket(url));
    await c.start();
    c.send('r1', 'hi');
    await flush();
    const p = c.store.getState().pending.r1[0];
    expect(p).toMatchObject({ status: 'failed', error: 'Slow down.' });
    send.mockResolvedValueOnce(stored(p.clientMsgId));
    c.retry('r1', p.clientMsgId);
    await flush();
    expect(send.mock.calls.map((call) => call[2])).toEqual([p.clientMsgId, p.clientMsgId]);
    expect(c.store.getState().pending.r1).toEqual([]);
    c.stop();
  });
});

describe('ChatController sending files', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  const shot: FileInfo = { id: 'f1', name: 'shot.png', contentType: 'image/png', size: 68, width: 1, height: 1, url: '/api/v1/chat/files/f1' };
  const notes: FileInfo = { id: 'f2', name: 'notes.txt', contentType: 'text/plain', size: 5, url: '/api/v1/chat/files/f2' };

  it('sends the uploads’ ids in the send_message frame, keeps them with the pending message, and sends them again on retry', async () => {
    const c = new ChatController(fakeApi(), { id: 'me', username: 'me', name: 'Me' }, (url) => new FakeSocket(url));
    await c.start();
    await flush();
    FakeSocket.latest().open();
    c.send('r1', '', undefined, [shot, notes]);
    const [frame] = FakeSocket.latest().ofType('send_message');
    expect(frame).toEqual({ type: 'send_message', roomId: 'r1', clientMsgId: expect.any(String), text: '', attachments: ['f1', 'f2'] });
    expect(c.store.getState().pending.r1[0].attachments).toEqual([shot, notes]); // shown while on its way

    await vi.advanceTimersByTimeAsync(10_000); // no ack
    const pending = c.store.getState().pending.r1[0];
    expect(pending.status).toBe('failed');
    c.retry('r1', pending.clientMsgId);
    const frames = FakeSocket.latest().ofType('send_message');
    expect(frames).toHaveLength(2);
    expect(frames[1]).toEqual(frames[0]);

    FakeSocket.latest().receive({
      type: 'ack',
      clientMsgId: pending.clientMsgId,
      message: { ...stored(pending.clientMsgId), text: '', attachments: [shot, notes] },
    });
    expect(c.store.getState().pending.r1).toEqual([]);
    expect(c.store.timeline('r1').messages[0].attachments).toEqual([shot, notes]);
    c.stop();
  });

  it('a message without files sends no attachments field; a reply keeps its replyToSeq', async () => {
    const c = new ChatController(fakeApi(), { id: 'me', username: 'me', name: 'Me' }, (url) => new FakeSocket(url));
    await c.start();
    await flush();
    FakeSocket.latest().open();
    c.send('r1', 'hi', 4, []);
    c.send('r1', 'see', 4, [notes]);
    const [plain, withFile] = FakeSocket.latest().ofType('send_message');
    expect(plain).not.toHaveProperty('attachments');
    expect(plain.replyToSeq).toBe(4);
    expect(withFile).toMatchObject({ text: 'see', replyToSeq: 4, attachments: ['f2'] });
    c.stop();
  });

  it('sends the ids over REST while disconnected, and again, under the same clientMsgId, on retry', async () => {
    const send = vi.fn().mockRejectedValueOnce(new ApiError(0, { title: 'Network error' }));
    const c = new ChatController(fakeApi({ send }), { id: 'me', username: 'me', name: 'Me' }, (url) => new FakeSocket(url));
    await c.start();
    c.send('r1', 'look', undefined, [shot]);
    await flush();
    const p = c.store.getState().pending.r1[0];
    expect(p.status).toBe('failed');
    send.mockResolvedValueOnce({ ...stored(p.clientMsgId), text: 'look', attachments: [shot] });
    c.retry('r1', p.clientMsgId);
    await flush();
    expect(send.mock.calls).toEqual([
      ['r1', 'look', p.clientMsgId, undefined, ['f1']],
      ['r1', 'look', p.clientMsgId, undefined, ['f1']],
    ]);
    expect(c.store.getState().pending.r1).toEqual([]);
    c.stop();
  });

  it('a message still on its way when the connection drops goes again with its files once back online', async () => {
    const c = new ChatController(fakeApi(), { id: 'me', username: 'me', name: 'Me' }, (url) => new FakeSocket(url));
    await c.start();
    await flush();
    const first = FakeSocket.latest();
    first.open();
    c.send('r1', 'look', undefined, [shot]);
    first.drop(1006);
    await vi.advanceTimersByTimeAsync(5_000);
    await flush();
    const second = FakeSocket.latest();
    expect(second).not.toBe(first);
    second.open();
    await flush();
    const [again] = second.ofType('send_message');
    expect(again).toMatchObject({ text: 'look', attachments: ['f1'], clientMsgId: first.ofType('send_message')[0].clientMsgId });
    c.stop();
  });

  it('a refused attachment marks the message failed with the server’s reason', async () => {
    const c = new ChatController(fakeApi(), { id: 'me', username: 'me', name: 'Me' }, (url) => new FakeSocket(url));
    await c.start();
    await flush();
    FakeSocket.latest().open();
    c.send('r1', '', undefined, [shot]);
    const [frame] = FakeSocket.latest().ofType('send_message');
    FakeSocket.latest().receive({ type: 'error', code: 'invalid-attachment', message: 'Unknown attachment.', ref: frame.clientMsgId });
    expect(c.store.getState().pending.r1[0]).toMatchObject({ status: 'failed', error: 'Unknown attachment.' });
    c.stop();
  });
});

describe('ChatController and the session', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('buys each ticket with a fresh token, renews the socket with one, and signs out when the server ends the session', async () => {
    // authorized for 8 s: renewed at 3/4 of that, before the first ping is due
    const ticket = vi.fn(async () => ({ ticket: 't', expiresIn: 30, authExpiresAt: new Date(Date.now() + 8_000).toISOString() }));
    const freshToken = vi.fn(async () => 'fresh');
    const ended = vi.fn();
    const c = new ChatController(fakeApi({ ticket }), { id: 'me', username: 'me', name: 'Me' }, (url) => new FakeSocket(url), {
      freshToken,
      ended,
    });
    await c.start();
    await flush();
    expect(freshToken.mock.invocationCallOrder[0]).toBeLessThan(ticket.mock.invocationCallOrder[0]);
    const s = FakeSocket.latest();
    s.open();
    await vi.advanceTimersByTimeAsync(5_999);
    expect(s.ofType('auth')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await flush();
    expect(s.ofType('auth')).toEqual([{ type: 'auth', token: 'fresh' }]);
    s.drop(1008, 'session ended');
    expect(ended).toHaveBeenCalledExactlyOnceWith('session-ended');
    expect(c.realtime.state).toBe('idle');
    c.stop();
  });
});

describe('ChatController read marks', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('sends at most one mark_read per room a second, with the latest seq seen', async () => {
    const c = new ChatController(fakeApi(), { id: 'me', username: 'me', name: 'Me' }, (url) => new FakeSocket(url));
    await c.start();
    await flush();
    FakeSocket.latest().open();
    await c.open('r1');
    await flush();
    const socket = FakeSocket.latest();
    const before = socket.ofType('mark_read').length;
    const fromBia = (seq: number): Message => ({ ...stored(`b${seq}`, seq), senderId: 'bia', senderName: 'Bia' });
    for (let seq = 1; seq <= 50; seq++) socket.receive({ type: 'message_received', message: fromBia(seq) });
    expect(socket.ofType('mark_read').slice(before).map((f) => f.seq)).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(socket.ofType('mark_read').slice(before).map((f) => f.seq)).toEqual([1, 50]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(socket.ofType('mark_read').slice(before)).toHaveLength(2); // nothing new: nothing sent
    c.stop();
  });
});
