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

describe('ChatController moderation', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  const me = { id: 'me', username: 'me', name: 'Me' };
  const bia = { id: 'bia', username: 'bia', displayName: 'Bia' };
  const withMembers: Room = {
    ...room,
    role: 'owner',
    members: [
      { id: 'me', username: 'me', role: 'owner' },
      { ...bia, role: 'member' },
    ],
  };

  async function connected(overrides: Partial<Record<keyof ChatApi, unknown>> = {}) {
    const c = new ChatController(fakeApi({ rooms: vi.fn(async () => [withMembers]), ...overrides }), me, (url) => new FakeSocket(url));
    await c.start();
    await flush();
    FakeSocket.latest().open();
    return { c, socket: FakeSocket.latest() };
  }

  it('keeps the user’s mute from the muted and unmuted frames; a room_updated for everyone leaves it alone', async () => {
    const { c, socket } = await connected();
    socket.receive({ type: 'muted', roomId: 'r1', until: '2026-12-02T11:00:00Z' });
    expect(c.store.getState().rooms.r1.mutedUntil).toBe('2026-12-02T11:00:00Z');
    // as a serializer that writes nulls would send it: the room as some other member sees it
    socket.receive({ type: 'room_updated', room: { ...room, name: 'renamed', mutedUntil: null } });
    expect(c.store.getState().rooms.r1).toMatchObject({ name: 'renamed', mutedUntil: '2026-12-02T11:00:00Z' });
    socket.receive({ type: 'unmuted', roomId: 'r1' });
    expect(c.store.getState().rooms.r1.mutedUntil).toBeUndefined();
    c.stop();
  });

  it('takes the room’s details as the truth about the mute: a lift missed while away ends it', async () => {
    const details = vi.fn(async () => ({ ...withMembers }));
    const { c, socket } = await connected({ room: details });
    socket.receive({ type: 'muted', roomId: 'r1', until: '2026-12-02T11:00:00Z' });
    await c.open('r1');
    expect(details).toHaveBeenCalledWith('r1');
    expect(c.store.getState().rooms.r1.mutedUntil).toBeUndefined();
    c.stop();
  });

  it('a ban says so once, with the room’s name, reason and end, and the room leaves the list', async () => {
    const { c, socket } = await connected();
    await c.open('r1');
    socket.receive({ type: 'banned', roomId: 'r1', reason: 'spam', until: '2026-12-09T10:00:00Z' });
    const state = c.store.getState();
    expect(state.banNotices).toEqual([{ id: expect.any(String), roomId: 'r1', roomName: 'general', reason: 'spam', until: '2026-12-09T10:00:00Z' }]);
    expect(state.rooms.r1).toBeUndefined();
    expect(state.activeRoomId).toBeUndefined();
    expect(socket.ofType('leave_room')).toEqual([{ type: 'leave_room', roomId: 'r1' }]);

    // the user_left for the user that follows changes nothing more
    socket.receive({ type: 'user_left', roomId: 'r1', user: { id: 'me', username: 'me' } });
    expect(socket.ofType('leave_room')).toHaveLength(1);
    expect(c.store.getState().notices.r1).toBeUndefined();
    c.store.dismissBanNotice(state.banNotices[0].id);
    expect(c.store.getState().banNotices).toEqual([]);
    c.stop();
  });

  it('a user_left for the user themselves (removed by a moderator) takes the room off the list; for another, only the member goes', async () => {
    const { c, socket } = await connected();
    await c.open('r1');
    socket.receive({ type: 'user_left', roomId: 'r1', user: bia });
    expect(c.store.getState().rooms.r1.members?.map((m) => m.id)).toEqual(['me']);
    expect(c.store.getState().notices.r1.map((n) => n.kind)).toEqual(['left']);
    socket.receive({ type: 'user_left', roomId: 'r1', user: { id: 'me', username: 'me' } });
    expect(c.store.getState().rooms.r1).toBeUndefined();
    expect(socket.ofType('leave_room')).toHaveLength(1);
    c.stop();
  });

  it('a send refused as muted over the socket is marked with the code, and the room’s details tell until when', async () => {
    const details = vi.fn(async () => ({ ...withMembers, mutedUntil: '2026-12-02T11:00:00Z' }));
    const { c, socket } = await connected({ room: details });
    const id = c.send('r1', 'hello');
    socket.receive({ type: 'error', code: 'muted', message: 'You are muted here.', ref: id });
    await flush();
    expect(c.store.getState().pending.r1[0]).toMatchObject({ clientMsgId: id, status: 'failed', error: 'You are muted here.', code: 'muted' });
    expect(details).toHaveBeenCalledWith('r1');
    expect(c.store.getState().rooms.r1.mutedUntil).toBe('2026-12-02T11:00:00Z');
    c.discard('r1', id);
    expect(c.store.getState().pending.r1).toEqual([]);
    await vi.advanceTimersByTimeAsync(10_000); // no ack timer left behind to mark it failed again
    expect(c.store.getState().pending.r1).toEqual([]);
    c.stop();
  });

  it('a send refused as muted over REST is marked the same way', async () => {
    const send = vi.fn().mockRejectedValueOnce(new ApiError(403, { type: 'https://blau.dev/problems/muted', detail: 'Muted until 11:00.' }));
    const details = vi.fn(async () => ({ ...withMembers, mutedUntil: '2026-12-02T11:00:00Z' }));
    const c = new ChatController(fakeApi({ send, room: details }), me, (url) => new FakeSocket(url));
    await c.start();
    const id = c.send('r1', 'hello');
    await flush();
    expect(c.store.getState().pending.r1[0]).toMatchObject({ clientMsgId: id, status: 'failed', error: 'Muted until 11:00.', code: 'muted' });
    expect(c.store.getState().rooms.r1.mutedUntil).toBe('2026-12-02T11:00:00Z');
    c.stop();
  });

  it('removing or banning a member takes them off the member list at once; a room change is kept', async () => {
    const removeMember = vi.fn(async () => undefined);
    const ban = vi.fn(async () => ({ roomId: 'r1', userId: 'bia', username: 'bia', by: 'me', at: '' }));
    const updateRoom = vi.fn(async () => ({ ...withMembers, name: 'ops', description: 'on call' }));
    const { c } = await connected({ removeMember, ban, updateRoom });
    await c.open('r1');
    await c.ban('r1', 'bia', 'spam', '2026-12-09T10:00:00Z');
    expect(ban).toHaveBeenCalledWith('r1', 'bia', 'spam', '2026-12-09T10:00:00Z');
    expect(c.store.getState().rooms.r1.members?.map((m) => m.id)).toEqual(['me']);
    expect(c.store.getState().rooms.r1.memberCount).toBe(1);

    await c.updateRoom('r1', { name: 'ops', description: 'on call' });
    expect(updateRoom).toHaveBeenCalledWith('r1', { name: 'ops', description: 'on call' });
    expect(c.store.getState().rooms.r1).toMatchObject({ name: 'ops', description: 'on call' });

    c.store.upsertRoom({ ...withMembers });
    await c.removeMember('r1', 'bia');
    expect(removeMember).toHaveBeenCalledWith('r1', 'bia');
    expect(c.store.getState().rooms.r1.members?.map((m) => m.id)).toEqual(['me']);
    c.stop();
  });

  it('a refused ban changes nothing', async () => {
    const ban = vi.fn().mockRejectedValue(new ApiError(409, { type: 'https://blau.dev/problems/owner', detail: 'Nobody bans the owner.' }));
    const { c } = await connected({ ban });
    await c.open('r1');
    await expect(c.ban('r1', 'bia')).rejects.toMatchObject({ code: 'owner' });
    expect(c.store.getState().rooms.r1.members?.map((m) => m.id)).toEqual(['me', 'bia']);
    c.stop();
  });
});

describe('ChatController room list', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('a room the user is put in while the room list is on its way stays in the list the answer brings', async () => {
    const rooms = vi.fn(async () => [room]);
    const c = new ChatController(fakeApi({ rooms }), { id: 'me', username: 'me', name: 'Me' }, (url) => new FakeSocket(url));
    await c.start();
    await flush();
    FakeSocket.latest().open();
    let answer!: (list: Room[]) => void;
    rooms.mockImplementationOnce(() => new Promise<Room[]>((resolve) => (answer = resolve)));
    const refreshed = c.refreshRooms();
    FakeSocket.latest().receive({ type: 'room_created', room: { id: 'r2', name: 'new', visibility: 'private' } });
    answer([room]);
    await refreshed;
    expect(Object.keys(c.store.getState().rooms).sort()).toEqual(['r1', 'r2']);
    c.stop();
  });
});
