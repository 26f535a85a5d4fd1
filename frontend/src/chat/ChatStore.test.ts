import { describe, expect, it, vi } from 'vitest';
import type { Message } from '../api/types';
import { ChatStore, TYPING_TTL_MS } from './ChatStore';
import { buildTimeline } from './timeline';

const m = (seq: number, senderId = 'u2', extra: Partial<Message> = {}): Message => ({
  id: `m${seq}`,
  roomId: 'r1',
  seq,
  senderId,
  senderName: senderId === 'me' ? 'Me' : 'Ana',
  text: `t${seq}`,
  createdAt: new Date(2026, 0, 1, 10, seq).toISOString(),
  ...extra,
});

function store(now = { t: 1000 }) {
  const s = new ChatStore(() => now.t);
  s.setMe({ id: 'me', username: 'me', name: 'Me' });
  s.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true, unread: 0 }]);
  return s;
}

describe('ChatStore', () => {
  it('merges history pages and live messages by seq, without duplicates', () => {
    const s = store();
    s.addHistory('r1', [m(5), m(4), m(3)], true);
    s.addMessage(m(6), true);
    s.addMessage(m(6), true);
    s.addHistory('r1', [m(3), m(2), m(1)], false);
    expect(s.timeline('r1').messages.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.timeline('r1').hasMore).toBe(false);
  });

  it('a change replaces the message it changes, and an older state never replaces a newer one', () => {
    const s = store();
    s.addHistory('r1', [m(1), m(2)], false);
    s.updateMessage(m(2, 'u2', { text: 'edited', version: 3 }));
    s.updateMessage(m(2, 'u2', { text: 'first edit', version: 2 })); // from another server, late
    s.addMessage(m(2), true); // the original, relayed again
    s.addHistory('r1', [m(2, 'u2', { text: 'old page', version: 1 })], false);
    expect(s.timeline('r1').messages.map((x) => x.text)).toEqual(['t1', 'edited']);
    s.updateMessage(m(9, 'u2', { text: 'not loaded', version: 4 }));
    expect(s.timeline('r1').messages.map((x) => x.seq)).toEqual([1, 2]);
  });

  it('counts unread mentions of the user in rooms not in view, and clears them when read', () => {
    const s = store();
    s.addMessage(m(1, 'u2', { mentions: ['me'] }), false);
    s.addMessage(m(2, 'u2', { mentionsRoom: true }), false);
    s.addMessage(m(3, 'u2', { mentions: ['someone-else'] }), false);
    expect(s.getState().rooms.r1.mentionUnread).toBe(2);
    expect(s.getState().rooms.r1.unread).toBe(3);
    s.markRead('r1', 3);
    expect(s.getState().rooms.r1.mentionUnread).toBe(0);
  });

  it('a notification level confirmed after a live mention keeps the mention counted', () => {
    const s = store();
    s.addMessage(m(1, 'u2', { mentions: ['me'] }), false);
    s.setNotifications('r1', 'none');
    expect(s.getState().rooms.r1).toMatchObject({ notifications: 'none', unread: 1, mentionUnread: 1 });
  });

  it('a room created while the room list was loading survives the older list', () => {
    const s = store();
    const asked = s.roomChangeCount();
    s.upsertRoom({ id: 'r2', name: 'new', visibility: 'public', joined: true });
    s.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true }], asked);
    expect(Object.keys(s.getState().rooms).sort()).toEqual(['r1', 'r2']);
    s.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true }], s.roomChangeCount());
    expect(Object.keys(s.getState().rooms)).toEqual(['r1']); // a later list is the truth
  });

  it('a room created while two room lists were on their way survives the older answer coming last', () => {
    const s = store();
    const first = s.roomChangeCount();
    s.upsertRoom({ id: 'r2', name: 'new', visibility: 'public', joined: true });
    const second = s.roomChangeCount();
    s.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true }, { id: 'r2', name: 'new', visibility: 'public', joined: true }], second);
    s.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true }], first);
    expect(Object.keys(s.getState().rooms).sort()).toEqual(['r1', 'r2']);
  });

  it('a room renamed while the room list was loading keeps its new name', () => {
    const s = store();
    s.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true }]);
    const asked = s.roomChangeCount();
    s.upsertRoom({ id: 'r1', name: 'announcements', visibility: 'public', joined: true });
    s.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true }], asked);
    expect(s.getState().rooms.r1.name).toBe('announcements');
  });

  it('a room left or deleted while the room list was loading does not come back with it', () => {
    const s = store();
    s.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true }, { id: 'r2', name: 'old', visibility: 'public', joined: true }]);
    const asked = s.roomChangeCount();
    s.removeRoom('r2');
    s.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true }, { id: 'r2', name: 'old', visibility: 'public', joined: true }], asked);
    expect(Object.keys(s.getState().rooms)).toEqual(['r1']);
    s.setRooms([{ id: 'r1', name: 'general', visibility: 'public', joined: true }, { id: 'r2', name: 'old', visibility: 'public', joined: true }], s.roomChangeCount());
    expect(Object.keys(s.getState().rooms).sort()).toEqual(['r1', 'r2']); // joined again: a later list is the truth
  });

  it('a change leaves what it does not touch as it was, makes what it changes new, and hands out read-only state', () => {
    const s = store();
    s.upsertRoom({ id: 'r2', name: 'other', visibility: 'public', joined: true });
    s.addHistory('r1', [m(1)], false);
    s.addHistory('r2', [m(1, 'u2', { roomId: 'r2' })], false);
    const before = s.getState();
    s.addMessage(m(2), false);
    const after = s.getState();
    expect(after.rooms.r1).not.toBe(before.rooms.r1);
    expect(after.timelines.r1).not.toBe(before.timelines.r1);
    expect(after.timelines.r1.messages[0]).toBe(before.timelines.r1.messages[0]);
    expect(after.rooms.r2).toBe(before.rooms.r2);
    expect(after.timelines.r2).toBe(before.timelines.r2);
    for (const untouched of ['typing', 'pending', 'presence', 'notices'] as const) expect(after[untouched]).toBe(before[untouched]);
    expect(Object.isFrozen(after.rooms.r1)).toBe(true);
    expect(Object.isFrozen(after.timelines.r1.messages[1])).toBe(true);
  });

  it('a change that changes nothing tells nobody', () => {
    const s = store();
    const heard = vi.fn();
    s.subscribe(heard);
    s.markRead('r1', 3);
    s.markRead('r1', 3);
    s.setPresence('u2', 'away');
    s.setPresence('u2', 'away');
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('a live message older than the newest shown goes in its place', () => {
    const s = store();
    s.addHistory('r1', [m(1), m(2), m(4)], false);
    s.addMessage(m(3), true);
    s.addMessage(m(5), true);
    expect(s.timeline('r1').messages.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('counts unread messages from others while the room is not viewed, and updates the last message', () => {
    const s = store();
    s.addMessage(m(1), false);
    s.addMessage(m(2, 'me'), false); // sent from another device: the room is read up to it, as the server counts
    expect(s.getState().rooms.r1.unread).toBe(0);
    s.addMessage(m(3), false);
    s.addMessage(m(4), false);
    expect(s.getState().rooms.r1.unread).toBe(2);
    expect(s.getState().rooms.r1.lastMessage?.seq).toBe(4);
    s.markRead('r1', 4);
    expect(s.getState().rooms.r1.unread).toBe(0);
  });

  it('keeps an own message pending until the server has it, then shows the stored one', () => {
    const s = store();
    s.addPending({ clientMsgId: 'c1', roomId: 'r1', text: 'hi', status: 'sending', createdAt: new Date().toISOString() });
    s.setPendingStatus('r1', 'c1', 'failed');
    expect(s.getState().pending.r1[0].status).toBe('failed');
    s.addMessage(m(1, 'me', { clientMsgId: 'c1', text: 'hi' }), true);
    expect(s.getState().pending.r1).toEqual([]);
    expect(s.timeline('r1').messages).toHaveLength(1);
  });

  it('drops typing indicators not refreshed within 6 s, and never shows my own', () => {
    const now = { t: 1000 };
    const s = store(now);
    s.setTyping('r1', { id: 'u2', username: 'ana', displayName: 'Ana' }, true);
    s.setTyping('r1', { id: 'me', username: 'me' }, true);
    expect(s.typingNames('r1')).toEqual(['Ana']);
    now.t += TYPING_TTL_MS - 1;
    expect(s.typingNames('r1')).toEqual(['Ana']);
    now.t += 2;
    expect(s.typingNames('r1')).toEqual([]);
    s.pruneTyping();
    expect(s.getState().typing.r1).toEqual({});
  });

  it('a message from someone clears their typing indicator', () => {
    const s = store();
    s.setTyping('r1', { id: 'u2', username: 'ana', displayName: 'Ana' }, true);
    s.addMessage(m(1), true);
    expect(s.typingNames('r1')).toEqual([]);
  });

  it('tracks presence from room details and presence frames', () => {
    const s = store();
    s.upsertRoom({ id: 'r1', name: 'general', visibility: 'public', members: [{ id: 'u2', username: 'ana', status: 'away' }] });
    expect(s.getState().presence.u2).toBe('away');
    s.setPresence('u2', 'busy');
    expect(s.getState().presence.u2).toBe('busy');
    expect(s.getState().rooms.r1.members).toHaveLength(1); // details kept
  });

  it('join/leave notices update the member list and sit in the timeline with date separators', () => {
    const now = { t: new Date(2026, 0, 2, 9, 0).getTime() };
    const s = store(now);
    s.upsertRoom({ id: 'r1', name: 'general', visibility: 'public', members: [{ id: 'me', username: 'me' }] });
    s.addHistory('r1', [m(1)], false);
    s.addNotice('r1', 'joined', { id: 'u3', username: 'bia' });
    expect(s.getState().rooms.r1.members?.map((x) => x.id)).toEqual(['me', 'u3']);
    const items = buildTimeline(s.timeline('r1').messages, s.getState().notices.r1, []);
    expect(items.map((i) => i.kind)).toEqual(['date', 'message', 'date', 'notice']);
  });
});
