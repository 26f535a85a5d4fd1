import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatApi } from '../api/chatApi';
import type { Message, MessagePage, Room } from '../api/types';
import { FakeSocket } from '../test/FakeSocket';
import { ChatController } from './ChatController';

const msg = (seq: number): Message => ({ id: `m${seq}`, roomId: 'r1', seq, senderId: 'u2', senderName: 'Ana', text: `message ${seq}`, createdAt: new Date(seq * 1000).toISOString() });

/** A server holding messages 1..newest of room r1, paged like the real one. */
function server(newest = 300) {
  let last = newest;
  const all = () => Array.from({ length: last }, (_, i) => msg(i + 1));
  const before = vi.fn(async (_room: string, beforeSeq?: number, limit = 50): Promise<MessagePage> => {
    const older = all().filter((m) => beforeSeq === undefined || m.seq < beforeSeq);
    return { messages: older.slice(-limit).reverse(), hasMore: older.length > limit }; // newest first
  });
  const after = vi.fn(async (_room: string, afterSeq: number, limit = 100): Promise<MessagePage> => {
    const newer = all().filter((m) => m.seq > afterSeq);
    return { messages: newer.slice(0, limit), hasMore: newer.length > limit };
  });
  const room: Room = { id: 'r1', name: 'general', visibility: 'public', joined: true, lastMessage: msg(newest) };
  const api = {
    rooms: vi.fn(async () => [room]),
    room: vi.fn(async () => ({ ...room, members: [] })),
    before,
    after,
    ticket: vi.fn(async () => ({ ticket: 't', expiresIn: 30 })),
    send: vi.fn(),
    markRead: vi.fn(async () => undefined),
  } as unknown as ChatApi;
  return { api, before, after, add: () => msg(++last) };
}

async function started(api: ChatApi) {
  const c = new ChatController(api, { id: 'me', username: 'me', name: 'Me' }, (url) => new FakeSocket(url));
  await c.start();
  await flush();
  FakeSocket.latest().open();
  FakeSocket.latest().receive({ type: 'joined', roomId: 'r1', lastSeq: 300, version: 0 });
  return c;
}

async function flush() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

const seqs = (messages: Message[]) => [messages[0]?.seq, messages.at(-1)?.seq, messages.length];

describe('ChatController.jumpTo', () => {
  beforeEach(() => {
    FakeSocket.all = [];
  });
  afterEach(() => vi.restoreAllMocks());

  it('scrolls to a message of the loaded run without asking the server again', async () => {
    const { api, before, after } = server();
    const c = await started(api);
    await c.jumpTo('r1', 280);
    expect(c.store.getState().activeRoomId).toBe('r1');
    expect(c.store.getState().focus).toMatchObject({ roomId: 'r1', seq: 280 });
    expect(c.store.getState().detached).toBeUndefined();
    expect(before).toHaveBeenCalledTimes(1); // the room's first page
    expect(after).not.toHaveBeenCalled();
    c.stop();
  });

  it('pages the live timeline back to a message a few pages older, keeping it contiguous', async () => {
    const { api, before } = server();
    const c = await started(api);
    await c.jumpTo('r1', 180);
    expect(before.mock.calls.map((call) => call[1])).toEqual([undefined, 251, 201]);
    const t = c.store.timeline('r1');
    expect(seqs(t.messages)).toEqual([151, 300, 150]);
    expect(t.hasMore).toBe(true);
    expect(c.store.getState().focus).toMatchObject({ seq: 180 });
    expect(c.store.getState().detached).toBeUndefined();
    c.stop();
  });

  it('shows a window around an old message as a detached view; live messages still reach the live timeline', async () => {
    const { api, before, after, add } = server();
    const c = await started(api);
    await c.jumpTo('r1', 100);
    expect(before).toHaveBeenCalledTimes(1);
    expect(after).toHaveBeenCalledWith('r1', 74, 50);
    const d = c.store.getState().detached!;
    expect(seqs(d.messages)).toEqual([75, 124, 50]);
    expect(d).toMatchObject({ roomId: 'r1', hasOlder: true, hasNewer: true, loading: false });
    expect(c.store.getState().focus).toMatchObject({ roomId: 'r1', seq: 100 });
    expect(seqs(c.store.timeline('r1').messages)).toEqual([251, 300, 50]); // untouched

    // a live message: into the live timeline, not the detached view
    FakeSocket.latest().receive({ type: 'message_received', message: add() });
    expect(seqs(c.store.timeline('r1').messages)).toEqual([251, 301, 51]);
    expect(seqs(c.store.getState().detached!.messages)).toEqual([75, 124, 50]);

    // a change to a message of the view shows in it
    FakeSocket.latest().receive({ type: 'message_updated', message: { ...msg(100), text: 'edited', version: 5 } });
    expect(c.store.getState().detached!.messages.find((m) => m.seq === 100)?.text).toBe('edited');

    // older pages of the view
    await c.loadOlderDetached('r1');
    expect(before).toHaveBeenLastCalledWith('r1', 75, 50);
    expect(seqs(c.store.getState().detached!.messages)).toEqual([25, 124, 100]);

    // newer pages until the view overlaps the live run: one contiguous timeline again
    await c.loadNewerDetached('r1');
    await c.loadNewerDetached('r1');
    expect(c.store.getState().detached).toBeDefined(); // 25..224: not there yet
    await c.loadNewerDetached('r1'); // 225..274 overlaps 251..301
    expect(c.store.getState().detached).toBeUndefined();
    const t = c.store.timeline('r1');
    expect(seqs(t.messages)).toEqual([25, 301, 277]);
    expect(t.hasMore).toBe(true);
    expect(c.store.getState().focus).toMatchObject({ seq: 100 }); // still shown
    c.stop();
  });

  it('a window at the room beginning has nothing older; "jump to newest" and sending leave the view', async () => {
    const { api, after } = server();
    const c = await started(api);
    await c.jumpTo('r1', 10);
    expect(after).toHaveBeenCalledWith('r1', 0, 50);
    expect(c.store.getState().detached).toMatchObject({ hasOlder: false });

    c.showNewest();
    expect(c.store.getState().detached).toBeUndefined();
    expect(c.store.getState().focus).toBeUndefined();

    await c.jumpTo('r1', 10);
    expect(c.store.getState().detached).toBeDefined();
    c.send('r1', 'hello');
    expect(c.store.getState().detached).toBeUndefined();
    c.stop();
  });

  it('opening another room drops the view; a jump overtaken by another does not land', async () => {
    const { api } = server();
    const c = await started(api);
    await c.jumpTo('r1', 100);
    await c.open('r1');
    expect(c.store.getState().detached).toBeUndefined();
    expect(c.store.getState().focus).toBeUndefined();

    const first = c.jumpTo('r1', 100);
    const second = c.jumpTo('r1', 290);
    await Promise.all([first, second]);
    expect(c.store.getState().detached).toBeUndefined();
    expect(c.store.getState().focus).toMatchObject({ seq: 290 });
    c.stop();
  });
});
