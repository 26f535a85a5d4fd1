// The chat's state in one place, immutable snapshots for React (useSyncExternalStore).
import type { ChosenStatus, FileInfo, Message, NotificationLevel, Presence, Room, UserRef } from '../api/types';
import type { ConnectionState } from '@blau/sdk';
import { Immer, type Draft } from 'immer';
import { reachesLive } from './jump';

// Auto-freeze stays on (Immer's default), busy rooms included. A list written in whole (a
// history page or a live message merged by seq) is looked through for drafts down to its frozen
// entries: unfrozen, that is every message every time (measured in a room of 5,000: over ten
// times slower a page). What the store is given (messages, rooms) is frozen with it: read-only
// from then on.
const { produce } = new Immer({ autoFreeze: true });

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

/** The room's timeline in the draft, an empty one put there first if it has none. */
function timelineIn(draft: Draft<ChatState>, roomId: string): Draft<Timeline> {
  return (draft.timelines[roomId] ??= { ...emptyTimeline, messages: [] });
}

/** Focus and detached view go when they belong to the room. */
function dropJump(draft: Draft<ChatState>, roomId: string): void {
  if (draft.focus?.roomId === roomId) draft.focus = undefined;
  if (draft.detached?.roomId === roomId) draft.detached = undefined;
}

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
  /** single-room changes so far (upsertRoom): what a room-list answer cannot know yet is counted here */
  private roomChanges = 0;
  /** per room, the count at its last single-room change */
  private readonly roomChangedAt = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  getState = (): ChatState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<ChatState>): void {
    this.update((draft) => {
      Object.assign(draft, patch);
    });
  }

  /**
   * The next state as the recipe writes it into a draft: what it leaves alone keeps its identity,
   * what it changes is new, up to the root (React's selectors rely on both); no change, no news.
   * Recipes read message lists from this.state, the state before: going through a draft's list
   * makes a proxy per entry.
   */
  private update(recipe: (draft: Draft<ChatState>) => void): void {
    const next = produce(this.state, recipe);
    if (next === this.state) return;
    this.state = next;
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

  /** Taken when a room-list request goes out, and given to setRooms with its answer. */
  roomChangeCount(): number {
    return this.roomChanges;
  }

  /**
   * The user's rooms as a list answer has them: the answer is the truth (joined, unread…), except
   * for a room changed after `askedAt` (roomChangeCount when the list was asked for), which the
   * answer cannot know about yet: one created, joined or renamed since stays as the store has it,
   * one left or deleted since stays gone.
   */
  setRooms(rooms: Room[], askedAt = Infinity): void {
    const changedSinceAsked = (id: string) => (this.roomChangedAt.get(id) ?? -Infinity) > askedAt;
    const next: Record<string, Room> = {};
    for (const [id, at] of this.roomChangedAt) if (at > askedAt && this.state.rooms[id]) next[id] = this.state.rooms[id];
    for (const r of rooms) {
      if (changedSinceAsked(r.id)) continue;
      next[r.id] = { ...r, members: r.members?.length ? r.members : this.state.rooms[r.id]?.members };
    }
    this.update((draft) => {
      draft.rooms = next;
      draft.roomsLoaded = true;
      Object.assign(draft.presence, presenceOf(rooms));
    });
  }

  upsertRoom(room: Room): void {
    this.roomChangedAt.set(room.id, ++this.roomChanges);
    const old = this.state.rooms[room.id];
    // a room event may carry no member list (or an empty one): keep the one from the details
    const merged: Room = { ...old, ...room, members: room.members?.length ? room.members : old?.members };
    this.update((draft) => {
      draft.rooms[room.id] = merged;
      Object.assign(draft.presence, presenceOf([room]));
    });
  }

  /** The notification level only: the answer that confirms it carries counters that live messages may have passed since. */
  setNotifications(roomId: string, level: NotificationLevel): void {
    this.update((draft) => {
      const room = draft.rooms[roomId];
      if (room) room.notifications = level;
    });
  }

  /** The caller's mute in the room (from the room's details or a `muted` / `unmuted` frame); undefined: not muted. */
  setMutedUntil(roomId: string, mutedUntil: string | undefined): void {
    this.update((draft) => {
      const room = draft.rooms[roomId];
      if (room) room.mutedUntil = mutedUntil;
    });
  }

  /** A member removed or banned by a moderator: gone from the list at once, before the room's `user_left` arrives. */
  dropMember(roomId: string, userId: string): void {
    const members = this.state.rooms[roomId]?.members;
    if (!members?.some((m) => m.id === userId)) return;
    this.update((draft) => {
      const room = draft.rooms[roomId];
      room.members = members.filter((m) => m.id !== userId);
      room.memberCount = room.members.length;
    });
  }

  addBanNotice(notice: Omit<BanNotice, 'id'>): void {
    this.set({ banNotices: [...this.state.banNotices, { ...notice, id: `ban-${notice.roomId}-${this.now()}` }] });
  }

  dismissBanNotice(id: string): void {
    this.set({ banNotices: this.state.banNotices.filter((n) => n.id !== id) });
  }

  removeRoom(roomId: string): void {
    // a change like any other: a list asked for before it must not bring the room back
    this.roomChangedAt.set(roomId, ++this.roomChanges);
    this.update((draft) => {
      delete draft.rooms[roomId];
      if (draft.activeRoomId === roomId) draft.activeRoomId = undefined;
      dropJump(draft, roomId);
    });
  }

  setFocus(focus: Focus | undefined): void {
    this.set({ focus });
  }

  /** Shows a run of older history instead of the live timeline (undefined: back to the live timeline). */
  setDetached(detached: DetachedView | undefined): void {
    this.set({ detached });
  }

  setDetachedLoading(roomId: string, loading: boolean): void {
    this.update((draft) => {
      if (draft.detached?.roomId === roomId) draft.detached.loading = loading;
    });
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

  setLoading(roomId: string, loading: boolean): void {
    this.update((draft) => {
      timelineIn(draft, roomId).loading = loading;
    });
  }

  /** Forgets the room's messages (its history on the server went back): the next open loads it anew. */
  resetTimeline(roomId: string): void {
    this.update((draft) => {
      delete draft.timelines[roomId];
      dropJump(draft, roomId);
    });
  }

  /** A page of history (any order) merged in; hasMore tells whether older pages remain. */
  addHistory(roomId: string, messages: Message[], hasMore: boolean): void {
    const sorted = messages.slice().sort((a, b) => a.seq - b.seq);
    const merged = mergeBySeq(this.timeline(roomId).messages, sorted);
    this.update((draft) => {
      draft.timelines[roomId] = { messages: merged, hasMore, loading: false, loaded: true };
      this.dropConfirmed(draft, roomId, sorted);
    });
  }

  /** A live message (already in order from the realtime client); counted unread unless viewed or one's own. */
  addMessage(message: Message, viewing: boolean): void {
    const roomId = message.roomId;
    const known = this.timeline(roomId).messages;
    if (known.some((m) => m.seq === message.seq)) return;
    const me = this.state.me?.id;
    const fromOther = message.senderId !== me;
    this.update((draft) => {
      const room = draft.rooms[roomId];
      if (room) {
        if (!room.lastMessage || room.lastMessage.seq < message.seq) room.lastMessage = message;
        if (viewing || !fromOther) {
          // one's own message, from any device, reads the room up to it (the server counts so too)
          room.unread = 0;
          room.mentionUnread = 0;
        } else {
          room.unread = (room.unread ?? 0) + 1;
          if (mentions(message, me)) room.mentionUnread = (room.mentionUnread ?? 0) + 1;
        }
      }
      // a message clears its sender's typing indicator
      const typing = draft.typing[roomId];
      if (typing?.[message.senderId]) delete typing[message.senderId];
      // merged by seq, whatever came before: the order on screen is the rooms' order, never arrival's
      timelineIn(draft, roomId).messages = mergeBySeq(known, [message]);
      this.dropConfirmed(draft, roomId, [message]);
    });
  }

  /** A message's changed state; ignored when older than the one known, or for a message not loaded (history brings it as it is). */
  updateMessage(message: Message): void {
    const roomId = message.roomId;
    const sameSeq = (m: Message) => m.seq === message.seq;
    const replaces = (known: Message | undefined) => !!known && newer(known, message) === message;
    const timeline = this.timeline(roomId).messages;
    const inTimeline = timeline.findIndex(sameSeq);
    const last = this.state.rooms[roomId]?.lastMessage;
    // the detached view shows messages of its own: they change too
    const detached = this.state.detached?.roomId === roomId ? this.state.detached.messages : [];
    const inDetached = detached.findIndex(sameSeq);
    this.update((draft) => {
      if (replaces(timeline[inTimeline])) draft.timelines[roomId].messages[inTimeline] = message;
      if (last?.seq === message.seq && replaces(last)) draft.rooms[roomId].lastMessage = message;
      if (replaces(detached[inDetached])) draft.detached!.messages[inDetached] = message;
    });
  }

  /** Pending messages of the user that these messages confirm: the server has them. */
  private dropConfirmed(draft: Draft<ChatState>, roomId: string, messages: Message[]): void {
    const list = this.state.pending[roomId];
    if (!list?.length) return;
    const me = this.state.me?.id;
    const confirmed = new Set(messages.filter((m) => m.senderId === me && m.clientMsgId).map((m) => m.clientMsgId));
    if (confirmed.size > 0) draft.pending[roomId] = list.filter((p) => !confirmed.has(p.clientMsgId));
  }

  addPending(p: PendingMessage): void {
    const list = this.state.pending[p.roomId] ?? [];
    this.update((draft) => {
      draft.pending[p.roomId] = [...list.filter((x) => x.clientMsgId !== p.clientMsgId), p];
    });
  }

  setPendingStatus(roomId: string, clientMsgId: string, status: PendingStatus, error?: string, code?: string): void {
    this.update((draft) => {
      const p = draft.pending[roomId]?.find((x) => x.clientMsgId === clientMsgId);
      if (p) Object.assign(p, { status, error, code });
    });
  }

  /** A pending message taken back (its text went back into the composer). */
  removePending(roomId: string, clientMsgId: string): void {
    const list = this.state.pending[roomId];
    if (!list?.some((p) => p.clientMsgId === clientMsgId)) return;
    this.update((draft) => {
      draft.pending[roomId] = list.filter((p) => p.clientMsgId !== clientMsgId);
    });
  }

  findPending(clientMsgId: string): PendingMessage | undefined {
    for (const list of Object.values(this.state.pending)) {
      const p = list.find((x) => x.clientMsgId === clientMsgId);
      if (p) return p;
    }
    return undefined;
  }

  markRead(roomId: string, seq: number): void {
    this.update((draft) => {
      const room = draft.rooms[roomId];
      if (!room) return;
      room.unread = 0;
      room.mentionUnread = 0;
      room.lastReadSeq = Math.max(room.lastReadSeq ?? 0, seq);
    });
  }

  setTyping(roomId: string, user: UserRef, typing: boolean): void {
    if (user.id === this.state.me?.id) return;
    this.update((draft) => {
      const room = (draft.typing[roomId] ??= {});
      if (typing) room[user.id] = { name: displayName(user), until: this.now() + TYPING_TTL_MS };
      else delete room[user.id];
    });
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
    this.update((draft) => {
      for (const [roomId, entries] of Object.entries(this.state.typing))
        for (const [userId, e] of Object.entries(entries)) if (e.until <= now) delete draft.typing[roomId][userId];
    });
  }

  setPresence(userId: string, status: Presence): void {
    this.update((draft) => {
      draft.presence[userId] = status;
    });
  }

  /** A user joined or left: said in the timeline, and the member list follows. */
  addNotice(roomId: string, kind: Notice['kind'], user: UserRef): void {
    const notice: Notice = { id: `${kind}-${user.id}-${this.now()}`, roomId, kind, user, at: new Date(this.now()).toISOString() };
    const members = this.state.rooms[roomId]?.members;
    this.update((draft) => {
      (draft.notices[roomId] ??= []).push(notice);
      const room = draft.rooms[roomId];
      if (!room?.members || !members) return;
      if (kind === 'left') room.members = members.filter((m) => m.id !== user.id);
      else if (!members.some((m) => m.id === user.id)) room.members.push({ ...user, role: 'member' });
      room.memberCount = room.members.length;
    });
  }
}

function presenceOf(rooms: Room[]): Record<string, Presence> {
  const out: Record<string, Presence> = {};
  for (const r of rooms) for (const m of r.members ?? []) if (m.status) out[m.id] = m.status;
  return out;
}
