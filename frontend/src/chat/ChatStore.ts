// The chat's state in one place, immutable snapshots for React (useSyncExternalStore).
import type { ChosenStatus, FileInfo, Member, Message, NotificationLevel, Presence, Room, UserRef } from '../api/types';
import type { ConnectionState } from '@blau/sdk';
import { reachesLive } from './jump';

export type PendingStatus = 'sending' | 'failed';

export interface PendingMessage {
  clientMsgId: string;
  roomId: string;
  text: string;
  replyToSeq?: number;
  /** uploaded files it carries: sent again, by id, with every retry */
  attachments?: FileInfo[];
  status: PendingStatus;
  createdAt: string;
  error?: string;
  /** the server's code for a refusal (`muted`…) */
  code?: string;
}

export interface Notice {
  id: string;
  roomId: string;
  kind: 'joined' | 'left';
  user: UserRef;
  at: string;
}

export interface Timeline {
  messages: Message[]; // ascending seq, no duplicates
  hasMore: boolean;
  loading: boolean;
  loaded: boolean;
}

/** A message to show and highlight (a search result's); `key` tells one jump from the next to the same message. */
export interface Focus {
  roomId: string;
  seq: number;
  key: number;
}

/**
 * A contiguous run of a room's older history, not joined to the live timeline (see jump.ts):
 * shown instead of it until the user goes back to the newest messages or its pages reach them.
 */
export interface DetachedView {
  roomId: string;
  messages: Message[]; // ascending seq, no duplicates
  hasOlder: boolean;
  hasNewer: boolean;
  loading: boolean;
}

/** The user was banned from a room (a `banned` frame): said once, until dismissed. */
export interface BanNotice {
  id: string;
  roomId: string;
  roomName: string;
  reason?: string;
  /** absent: permanent */
  until?: string;
}

export interface TypingEntry {
  name: string;
  until: number;
}

export interface Me {
  id: string;
  username: string;
  name: string;
}

export interface ChatState {
  me?: Me;
  rooms: Record<string, Room>;
  activeRoomId?: string;
  timelines: Record<string, Timeline>;
  pending: Record<string, PendingMessage[]>;
  notices: Record<string, Notice[]>;
  typing: Record<string, Record<string, TypingEntry>>;
  presence: Record<string, Presence>;
  connection: ConnectionState;
  recovered: boolean;
  myStatus: ChosenStatus;
  roomsLoaded: boolean;
  focus?: Focus;
  detached?: DetachedView;
  banNotices: BanNotice[];
}

export const TYPING_TTL_MS = 6_000;

const emptyTimeline: Timeline = { messages: [], hasMore: true, loading: false, loaded: false };

export function displayName(user: { displayName?: string; username: string }): string {
  return user.displayName || user.username;
}

/** Of two states of one message, the newer: the higher version (a change), else the later one given. */
export function newer(known: Message | undefined, next: Message): Message {
  return known && (known.version ?? 0) > (next.version ?? 0) ? known : next;
}

/** Merges two ascending lists by seq, dropping duplicates (keeping each message's newest state). */
export function mergeBySeq(a: Message[], b: Message[]): Message[] {
  const bySeq = new Map<number, Message>();
  for (const m of a) bySeq.set(m.seq, m);
  for (const m of b) bySeq.set(m.seq, newer(bySeq.get(m.seq), m));
  return [...bySeq.values()].sort((x, y) => x.seq - y.seq);
}

/** Whether a message names the user: by @username, or @room. */
export function mentions(message: Message, userId: string | undefined): boolean {
  return !!message.mentionsRoom || (!!userId && !!message.mentions?.includes(userId));
}

/** Whether a user reacted with an emoji: REST answers say so (me), live frames list who (userIds). */
export function reactedBy(reaction: { me?: boolean; userIds?: string[] }, userId: string | undefined): boolean {
  return reaction.userIds ? reaction.userIds.includes(userId ?? '') : !!reaction.me;
}

function lastActivity(room: Room): string {
  return room.lastMessage?.createdAt ?? room.createdAt ?? '';
}

export class ChatStore {
  private state: ChatState = {
    rooms: {},
    timelines: {},
    pending: {},
    notices: {},
    typing: {},
    presence: {},
    connection: 'idle',
    recovered: false,
    myStatus: 'online',
    roomsLoaded: false,
    banNotices: [],
  };
  private readonly listeners = new Set<() => void>();
  /** bumped on every single-room change, to tell what a room-list answer cannot know yet */
  private version = 0;
  private readonly touched = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  getState = (): ChatState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  timeline(roomId: string): Timeline {
    return this.state.timelines[roomId] ?? emptyTimeline;
  }

  setMe(me: Me): void {
    this.set({ me });
  }

  setConnection(connection: ConnectionState, recovered: boolean): void {
    this.set({ connection, recovered });
  }

  setMyStatus(myStatus: ChosenStatus): void {
    this.set({ myStatus });
  }

  /** A mark to pass to setRooms: rooms changed after it survive an older list answer. */
  mark(): number {
    return this.version;
  }

  setRooms(rooms: Room[], since = Infinity): void {
    const next: Record<string, Room> = {};
    // a room created or joined while the list was on its way is not in it yet: keep it
    for (const [id, v] of this.touched) if (v > since && this.state.rooms[id]) next[id] = this.state.rooms[id];
    for (const r of rooms) {
      const known = this.state.rooms[r.id];
      next[r.id] = { ...r, members: r.members?.length ? r.members : known?.members }; // the answer is the truth (joined, unread…)
    }
    this.set({ rooms: next, roomsLoaded: true, presence: { ...this.state.presence, ...presenceOf(rooms) } });
  }

  upsertRoom(room: Room): void {
    this.touched.set(room.id, ++this.version);
    const old = this.state.rooms[room.id];
    // a room event may carry no member list (or an empty one): keep the one from the details
    const merged: Room = { ...old, ...room, members: room.members?.length ? room.members : old?.members };
    this.set({ rooms: { ...this.state.rooms, [room.id]: merged }, presence: { ...this.state.presence, ...presenceOf([room]) } });
  }

  /** The notification level only: the answer that confirms it carries counters that live messages may have passed since. */
  setNotifications(roomId: string, level: NotificationLevel): void {
    const room = this.state.rooms[roomId];
    if (room) this.set({ rooms: { ...this.state.rooms, [roomId]: { ...room, notifications: level } } });
  }

  /** The caller's mute in the room (from the room's details or a `muted` / `unmuted` frame); undefined: not muted. */
  setMutedUntil(roomId: string, mutedUntil: string | undefined): void {
    const room = this.state.rooms[roomId];
    if (!room || room.mutedUntil === mutedUntil) return;
    this.set({ rooms: { ...this.state.rooms, [roomId]: { ...room, mutedUntil } } });
  }

  /** A member removed or banned by a moderator: gone from the list at once, before the room's `user_left` arrives. */
  dropMember(roomId: string, userId: string): void {
    const room = this.state.rooms[roomId];
    if (!room?.members?.some((m) => m.id === userId)) return;
    const members = room.members.filter((m) => m.id !== userId);
    this.set({ rooms: { ...this.state.rooms, [roomId]: { ...room, members, memberCount: members.length } } });
  }

  addBanNotice(notice: Omit<BanNotice, 'id'>): void {
    this.set({ banNotices: [...this.state.banNotices, { ...notice, id: `ban-${notice.roomId}-${this.now()}` }] });
  }

  dismissBanNotice(id: string): void {
    this.set({ banNotices: this.state.banNotices.filter((n) => n.id !== id) });
  }

  removeRoom(roomId: string): void {
    this.touched.delete(roomId);
    const rooms = { ...this.state.rooms };
    delete rooms[roomId];
    this.set({ rooms, activeRoomId: this.state.activeRoomId === roomId ? undefined : this.state.activeRoomId, ...this.withoutJump(roomId) });
  }

  /** Focus and detached view, dropped when they belong to the room. */
  private withoutJump(roomId: string): Pick<ChatState, 'focus' | 'detached'> {
    return {
      focus: this.state.focus?.roomId === roomId ? undefined : this.state.focus,
      detached: this.state.detached?.roomId === roomId ? undefined : this.state.detached,
    };
  }

  setFocus(focus: Focus | undefined): void {
    this.set({ focus });
  }

  /** Shows a run of older history instead of the live timeline (undefined: back to the live timeline). */
  setDetached(detached: DetachedView | undefined): void {
    this.set({ detached });
  }

  setDetachedLoading(roomId: string, loading: boolean): void {
    const d = this.state.detached;
    if (d?.roomId === roomId) this.set({ detached: { ...d, loading } });
  }

  /**
   * A page merged into the room's detached view (hasOlder / hasNewer as that page tells). Once
   * the view reaches the live timeline, both are one contiguous run: merged into the live
   * timeline, and the view is gone.
   */
  addDetached(roomId: string, messages: Message[], ends: { hasOlder?: boolean; hasNewer?: boolean }): void {
    const d = this.state.detached;
    if (d?.roomId !== roomId) return;
    const sorted = messages.slice().sort((a, b) => a.seq - b.seq);
    const next: DetachedView = {
      ...d,
      messages: mergeBySeq(d.messages, sorted),
      hasOlder: ends.hasOlder ?? d.hasOlder,
      hasNewer: ends.hasNewer ?? d.hasNewer,
      loading: false,
    };
    if (reachesLive(next, this.timeline(roomId))) {
      this.set({ detached: undefined });
      this.addHistory(roomId, next.messages, next.hasOlder);
    } else {
      this.set({ detached: next });
    }
  }

  setActive(roomId: string | undefined): void {
    this.set({ activeRoomId: roomId });
  }

  /** Joined rooms by most recent activity, then the rest (public rooms to browse). */
  sortedRooms(): Room[] {
    return Object.values(this.state.rooms).sort((a, b) => lastActivity(b).localeCompare(lastActivity(a)));
  }

  setLoading(roomId: string, loading: boolean): void {
    const t = this.timeline(roomId);
    this.set({ timelines: { ...this.state.timelines, [roomId]: { ...t, loading } } });
  }

  /** Forgets the room's messages (its history on the server went back): the next open loads it anew. */
  resetTimeline(roomId: string): void {
    const { [roomId]: _dropped, ...rest } = this.state.timelines;
    this.set({ timelines: rest, ...this.withoutJump(roomId) });
  }

  /** A page of history (any order) merged in; hasMore tells whether older pages remain. */
  addHistory(roomId: string, messages: Message[], hasMore: boolean): void {
    const t = this.timeline(roomId);
    const sorted = messages.slice().sort((a, b) => a.seq - b.seq);
    this.set({
      timelines: {
        ...this.state.timelines,
        [roomId]: { messages: mergeBySeq(t.messages, sorted), hasMore, loading: false, loaded: true },
      },
      pending: this.withoutConfirmed(roomId, sorted),
    });
  }

  /** A live message (already in order from the realtime client); counted unread unless viewed. */
  addMessage(message: Message, viewing: boolean): void {
    const roomId = message.roomId;
    const t = this.timeline(roomId);
    if (t.messages.some((m) => m.seq === message.seq)) return;
    const room = this.state.rooms[roomId];
    const fromOther = message.senderId !== this.state.me?.id;
    const rooms = room
      ? {
          ...this.state.rooms,
          [roomId]: {
            ...room,
            lastMessage: !room.lastMessage || room.lastMessage.seq < message.seq ? message : room.lastMessage,
            unread: fromOther && !viewing ? (room.unread ?? 0) + 1 : viewing ? 0 : room.unread,
            mentionUnread:
              fromOther && !viewing && mentions(message, this.state.me?.id)
                ? (room.mentionUnread ?? 0) + 1
                : viewing
                  ? 0
                  : room.mentionUnread,
          },
        }
      : this.state.rooms;
    // a message clears its sender's typing indicator
    const typing = { ...this.state.typing };
    if (typing[roomId]?.[message.senderId]) {
      typing[roomId] = { ...typing[roomId] };
      delete typing[roomId][message.senderId];
    }
    this.set({
      rooms,
      typing,
      timelines: { ...this.state.timelines, [roomId]: { ...t, messages: mergeBySeq(t.messages, [message]) } },
      pending: this.withoutConfirmed(roomId, [message]),
    });
  }

  /** A message's changed state; ignored when older than the one known, or for a message not loaded (history brings it as it is). */
  updateMessage(message: Message): void {
    const roomId = message.roomId;
    const t = this.timeline(roomId);
    const index = t.messages.findIndex((m) => m.seq === message.seq);
    const room = this.state.rooms[roomId];
    const lastChanged = room?.lastMessage?.seq === message.seq && newer(room.lastMessage, message) === message;
    const timelines =
      index >= 0 && newer(t.messages[index], message) === message
        ? { ...this.state.timelines, [roomId]: { ...t, messages: t.messages.map((m, i) => (i === index ? message : m)) } }
        : this.state.timelines;
    const rooms = lastChanged ? { ...this.state.rooms, [roomId]: { ...room, lastMessage: message } } : this.state.rooms;
    // the detached view shows messages of its own: they change too
    const d = this.state.detached;
    const at = d?.roomId === roomId ? d.messages.findIndex((m) => m.seq === message.seq) : -1;
    const detached =
      d && at >= 0 && newer(d.messages[at], message) === message ? { ...d, messages: d.messages.map((m, i) => (i === at ? message : m)) } : d;
    if (timelines === this.state.timelines && rooms === this.state.rooms && detached === d) return;
    this.set({ timelines, rooms, detached });
  }

  private withoutConfirmed(roomId: string, messages: Message[]): Record<string, PendingMessage[]> {
    const list = this.state.pending[roomId];
    if (!list?.length) return this.state.pending;
    const me = this.state.me?.id;
    const confirmed = new Set(messages.filter((m) => m.senderId === me && m.clientMsgId).map((m) => m.clientMsgId));
    if (confirmed.size === 0) return this.state.pending;
    return { ...this.state.pending, [roomId]: list.filter((p) => !confirmed.has(p.clientMsgId)) };
  }

  addPending(p: PendingMessage): void {
    const list = this.state.pending[p.roomId] ?? [];
    this.set({ pending: { ...this.state.pending, [p.roomId]: [...list.filter((x) => x.clientMsgId !== p.clientMsgId), p] } });
  }

  setPendingStatus(roomId: string, clientMsgId: string, status: PendingStatus, error?: string, code?: string): void {
    const list = this.state.pending[roomId];
    if (!list?.some((p) => p.clientMsgId === clientMsgId)) return;
    this.set({
      pending: {
        ...this.state.pending,
        [roomId]: list.map((p) => (p.clientMsgId === clientMsgId ? { ...p, status, error, code } : p)),
      },
    });
  }

  /** A pending message taken back (its text went back into the composer). */
  removePending(roomId: string, clientMsgId: string): void {
    const list = this.state.pending[roomId];
    if (!list?.some((p) => p.clientMsgId === clientMsgId)) return;
    this.set({ pending: { ...this.state.pending, [roomId]: list.filter((p) => p.clientMsgId !== clientMsgId) } });
  }

  findPending(clientMsgId: string): PendingMessage | undefined {
    for (const list of Object.values(this.state.pending)) {
      const p = list.find((x) => x.clientMsgId === clientMsgId);
      if (p) return p;
    }
    return undefined;
  }

  markRead(roomId: string, seq: number): void {
    const room = this.state.rooms[roomId];
    if (!room) return;
    this.set({
      rooms: { ...this.state.rooms, [roomId]: { ...room, unread: 0, mentionUnread: 0, lastReadSeq: Math.max(room.lastReadSeq ?? 0, seq) } },
    });
  }

  setTyping(roomId: string, user: UserRef, typing: boolean): void {
    if (user.id === this.state.me?.id) return;
    const room = { ...(this.state.typing[roomId] ?? {}) };
    if (typing) room[user.id] = { name: displayName(user), until: this.now() + TYPING_TTL_MS };
    else delete room[user.id];
    this.set({ typing: { ...this.state.typing, [roomId]: room } });
  }

  /** Names typing in a room now; indicators not refreshed within 6 s are gone. */
  typingNames(roomId: string): string[] {
    const now = this.now();
    return Object.values(this.state.typing[roomId] ?? {})
      .filter((e) => e.until > now)
      .map((e) => e.name);
  }

  /** Drops expired typing indicators (called on a timer). */
  pruneTyping(): void {
    const now = this.now();
    let changed = false;
    const typing: ChatState['typing'] = {};
    for (const [roomId, entries] of Object.entries(this.state.typing)) {
      typing[roomId] = {};
      for (const [userId, e] of Object.entries(entries)) {
        if (e.until > now) typing[roomId][userId] = e;
        else changed = true;
      }
    }
    if (changed) this.set({ typing });
  }

  setPresence(userId: string, status: Presence): void {
    if (this.state.presence[userId] === status) return;
    this.set({ presence: { ...this.state.presence, [userId]: status } });
  }

  addNotice(roomId: string, kind: Notice['kind'], user: UserRef): void {
    const notice: Notice = { id: `${kind}-${user.id}-${this.now()}`, roomId, kind, user, at: new Date(this.now()).toISOString() };
    const list = this.state.notices[roomId] ?? [];
    const room = this.state.rooms[roomId];
    let rooms = this.state.rooms;
    if (room?.members) {
      const members: Member[] =
        kind === 'joined'
          ? room.members.some((m) => m.id === user.id)
            ? room.members
            : [...room.members, { ...user, role: 'member' }]
          : room.members.filter((m) => m.id !== user.id);
      rooms = { ...rooms, [roomId]: { ...room, members, memberCount: members.length } };
    }
    this.set({ notices: { ...this.state.notices, [roomId]: [...list, notice] }, rooms });
  }
}

function presenceOf(rooms: Room[]): Record<string, Presence> {
  const out: Record<string, Presence> = {};
  for (const r of rooms) for (const m of r.members ?? []) if (m.status) out[m.id] = m.status;
  return out;
}
