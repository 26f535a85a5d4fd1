// Wires the store to the REST API and the live connection: what the screens call.
import { ApiError } from '../api/http';
import type { ChatApi } from '../api/chatApi';
import type {
  Ban,
  ChosenStatus,
  FileInfo,
  Message,
  Mute,
  NotificationLevel,
  PublicRoomsPage,
  RetentionDays,
  Room,
  RoomChanges,
  RoomRetention,
  SearchPage,
  SearchParams,
  SessionEndReason,
  Visibility,
} from '../api/types';
import type { Upload } from '../api/upload';
import { FileCache } from '../files/FileCache';
import { RealtimeClient, type ServerFrame, type SocketLike } from '@blau/sdk';
import { ChatStore, type Me, type PendingMessage } from './ChatStore';
import { covers, MAX_PAGES_BACK, PAGE_SIZE, planJump, windowAfter } from './jump';
import { notify, shouldNotify } from './notifications';
import { roomTitle } from '../rooms/roomTitle';

const ACK_TIMEOUT_MS = 10_000;

export function newClientMsgId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function wsUrl(ticket: string, location: { protocol: string; host: string } = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  // batch=1: what piles up behind a send arrives as one {"type":"batch"} frame (RealtimeClient unpacks it)
  return `${scheme}//${location.host}/api/v1/chat/ws?ticket=${encodeURIComponent(ticket)}&batch=1`;
}

/** What the live connection needs from the signed-in session. */
export interface SessionLink {
  /** AuthSession.freshToken: for the socket's renewal and before each ticket */
  freshToken?(validAfter?: number, refused?: string): Promise<string | undefined>;
  /** the server ended the session: sign out, saying why */
  ended?(reason: SessionEndReason): void;
}

/** The shortest time between two mark_read frames of one room. */
const READ_MARK_INTERVAL_MS = 1_000;

export class ChatController {
  private readonly readMarks = new Map<string, { sent: number; pending?: number }>();
  readonly store = new ChatStore();
  readonly realtime: RealtimeClient;
  private readonly ackTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private pruneTimer?: ReturnType<typeof setInterval>;
  /** the page back in time being loaded, per room: asked again, the same answer */
  private readonly olderPages = new Map<string, Promise<void>>();
  private jumps = 0;
  /** files and thumbnails fetched with the token, the recent ones kept */
  private readonly files: FileCache;
  private readonly onOnline = () => this.realtime.reconnectNow();
  private readonly onOffline = () => this.realtime.dropConnection();
  private readonly onVisible = () => this.markActiveRead();

  constructor(
    private readonly api: ChatApi,
    me: Me,
    createSocket: (url: string) => SocketLike = (url) => new WebSocket(url) as unknown as SocketLike,
    session: SessionLink = {},
  ) {
    this.store.setMe(me);
    this.files = new FileCache((url) => api.file(url));
    const freshToken = session.freshToken?.bind(session);
    this.realtime = new RealtimeClient(
      {
        ticket: async () => {
          // a token about to expire would buy a socket that is closed (4001) almost at once
          await freshToken?.().catch(() => undefined);
          return api.ticket();
        },
        url: (ticket) => wsUrl(ticket),
        createSocket,
        fetchAfter: (roomId, after) => api.after(roomId, after),
        accessToken: freshToken,
      },
      {
        message: (m) => this.onMessage(m),
        updated: (m) => this.store.updateMessage(m),
        frame: (f) => this.onFrame(f),
        state: (state, recovered) => {
          this.store.setConnection(state, recovered);
          if (state === 'online' && this.store.getState().myStatus !== 'online') {
            this.realtime.send({ type: 'set_status', status: this.store.getState().myStatus });
          }
          if (state === 'online') {
            const me = this.store.getState().me;
            if (me) this.store.setPresence(me.id, this.store.getState().myStatus);
            // pending messages waiting for the connection go now (same clientMsgId: never doubled)
            for (const list of Object.values(this.store.getState().pending))
              for (const p of list) if (p.status === 'sending') this.transmit(p);
          }
        },
        sessionEnded: (reason) => session.ended?.(reason),
        rewound: (roomId) => this.reload(roomId),
      },
    );
  }

  async start(): Promise<void> {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisible);
    this.pruneTimer = setInterval(() => this.store.pruneTyping(), 1_000);
    await this.refreshRooms();
    this.realtime.start();
  }

  stop(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisible);
    clearInterval(this.pruneTimer);
    for (const t of this.ackTimers.values()) clearTimeout(t);
    this.realtime.stop();
  }

  async refreshRooms(): Promise<void> {
    const asked = this.store.roomChangeCount();
    const rooms = await this.api.rooms();
    this.store.setRooms(rooms, asked);
    for (const r of rooms) if (r.joined) this.realtime.follow(r.id, r.lastMessage?.seq ?? 0);
  }

  /** A page of public rooms to browse (not kept in the store: only the user's own rooms are). */
  browsePublicRooms(query: string, after?: string): Promise<PublicRoomsPage> {
    return this.api.publicRooms(query, after);
  }

  private viewing(roomId: string): boolean {
    return this.store.getState().activeRoomId === roomId && document.visibilityState !== 'hidden';
  }

  private onMessage(m: Message): void {
    const s = this.store.getState();
    const room = s.rooms[m.roomId];
    // a live message the user has not seen yet (replays after a reconnect are older than the last one known)
    const fresh = !room?.lastMessage || room.lastMessage.seq < m.seq;
    if (fresh && shouldNotify(m, room, s.me?.id, this.viewing(m.roomId))) {
      notify(roomTitle(room!, s.me?.name, s.me?.username), m, (roomId) => void this.open(roomId));
    }
    this.store.addMessage(m, this.viewing(m.roomId));
    const timer = m.clientMsgId ? this.ackTimers.get(m.clientMsgId) : undefined;
    if (timer && m.senderId === this.store.getState().me?.id) {
      clearTimeout(timer);
      this.ackTimers.delete(m.clientMsgId!);
    }
    if (this.viewing(m.roomId) && m.senderId !== this.store.getState().me?.id) this.markReadSoon(m.roomId, m.seq);
  }

  /**
   * At most one mark_read per room a second, the latest seq at the end: in a busy room every
   * message would otherwise cost a frame of the socket's budget and a write on the server.
   */
  private markReadSoon(roomId: string, seq: number): void {
    const mark = this.readMarks.get(roomId);
    if (mark) {
      if (seq > (mark.pending ?? mark.sent)) mark.pending = seq;
      return;
    }
    this.realtime.send({ type: 'mark_read', roomId, seq });
    const next: { sent: number; pending?: number } = { sent: seq };
    this.readMarks.set(roomId, next);
    setTimeout(() => {
      this.readMarks.delete(roomId);
      if (next.pending !== undefined) this.markReadSoon(roomId, next.pending);
    }, READ_MARK_INTERVAL_MS);
  }

  private onFrame(f: ServerFrame): void {
    const s = this.store;
    switch (f.type) {
      case 'typing':
        s.setTyping(f.roomId, f.user, f.typing);
        break;
      case 'presence':
        s.setPresence(f.user.id, f.status);
        break;
      case 'user_joined':
        s.addNotice(f.roomId, 'joined', f.user);
        s.setPresence(f.user.id, s.getState().presence[f.user.id] ?? 'online');
        break;
      case 'user_left':
        // the user themselves: removed or banned by a moderator, or left on another device
        if (f.user.id === s.getState().me?.id) this.forget(f.roomId);
        else s.addNotice(f.roomId, 'left', f.user);
        break;
      case 'muted':
        s.setMutedUntil(f.roomId, f.until);
        break;
      case 'unmuted':
        s.setMutedUntil(f.roomId, undefined);
        break;
      case 'banned': {
        // said before the room goes from the list (the user_left that follows finds it gone)
        const name = s.getState().rooms[f.roomId]?.name;
        if (name !== undefined) s.addBanNotice({ roomId: f.roomId, roomName: name, reason: f.reason, until: f.until });
        this.forget(f.roomId);
        break;
      }
      case 'room_created':
        s.upsertRoom({ ...f.room, joined: true }); // a room the user was put in
        this.realtime.follow(f.room.id, 0);
        break;
      case 'room_updated': {
        // one event for every member: the caller's own fields (joined, role, unread) are not in it
        const { joined: _j, role: _r, unread: _u, lastReadSeq: _l, mutedUntil: _m, ...shared } = f.room;
        void [_j, _r, _u, _l, _m];
        s.upsertRoom(shared);
        break;
      }
      case 'room_deleted':
        s.removeRoom(f.roomId);
        this.realtime.unfollow(f.roomId);
        break;
      case 'error':
        if (f.ref) {
          const p = s.findPending(f.ref);
          if (p) {
            clearTimeout(this.ackTimers.get(p.clientMsgId));
            this.ackTimers.delete(p.clientMsgId);
            s.setPendingStatus(p.roomId, p.clientMsgId, 'failed', f.message, f.code);
            if (f.code === 'muted') this.refreshRoom(p.roomId);
          }
        }
        break;
      default:
        break;
    }
  }

  /** A room that is no longer the user's: out of the list, not followed. */
  private forget(roomId: string): void {
    if (!this.store.getState().rooms[roomId]) return;
    this.store.removeRoom(roomId);
    this.realtime.unfollow(roomId);
  }

  /** A room's details as the server answered them: the caller's mute is in them or over. */
  private details(room: Room): void {
    this.store.upsertRoom({ ...room, mutedUntil: room.mutedUntil });
  }

  /** The room's details again (a send refused as muted tells until when through them). */
  private refreshRoom(roomId: string): void {
    void this.api.room(roomId).then((r) => this.details(r)).catch(() => undefined);
  }

  /** Opens a room: details (members), first history page, follow live, mark read. */
  async open(roomId: string): Promise<void> {
    this.store.setActive(roomId);
    // a room opened from the list shows its newest messages
    this.store.setDetached(undefined);
    this.store.setFocus(undefined);
    const room = this.store.getState().rooms[roomId];
    if (room?.joined) this.realtime.follow(roomId, this.realtime.lastSeq(roomId) ?? room.lastMessage?.seq ?? 0);
    const details = this.api.room(roomId).then((r) => this.details(r));
    if (!this.store.timeline(roomId).loaded) await this.loadOlder(roomId);
    await details.catch(() => undefined);
    this.markActiveRead();
  }

  /** The room's history went back on the server: its messages and details are loaded again. */
  private reload(roomId: string): void {
    this.store.resetTimeline(roomId);
    this.olderPages.delete(roomId); // a page on its way is of the history before
    this.refreshRoom(roomId);
    if (this.store.getState().activeRoomId === roomId) void this.loadOlder(roomId);
  }

  close(): void {
    this.store.setActive(undefined);
  }

  /** The next page back in time; no-op when the beginning is reached; while a page is loading, that page. */
  loadOlder(roomId: string): Promise<void> {
    const inFlight = this.olderPages.get(roomId);
    if (inFlight) return inFlight;
    const t = this.store.timeline(roomId);
    if (t.loaded && !t.hasMore) return Promise.resolve();
    this.store.setLoading(roomId, true);
    const oldest = t.messages[0]?.seq;
    const page = this.api
      .before(roomId, oldest)
      .then((p) => this.store.addHistory(roomId, p.messages, p.hasMore))
      .catch(() => this.store.setLoading(roomId, false))
      .finally(() => this.olderPages.delete(roomId));
    this.olderPages.set(roomId, page);
    return page;
  }

  /**
   * Opens the message's room and shows the message, highlighted (see jump.ts for how): in the
   * live timeline when it is loaded or a few pages back, else in a detached window around it.
   */
  async jumpTo(roomId: string, seq: number): Promise<void> {
    const key = ++this.jumps;
    const current = () => key === this.jumps && this.store.getState().activeRoomId === roomId;
    await this.open(roomId);
    if (!current()) return;
    let plan = planJump(this.store.timeline(roomId), seq);
    for (let i = 0; plan === 'page-back' && i < MAX_PAGES_BACK + 1 && !covers(this.store.timeline(roomId), seq); i++) {
      await this.loadOlder(roomId);
      if (!current()) return;
    }
    if (plan === 'page-back' && !covers(this.store.timeline(roomId), seq)) plan = 'window'; // pages failed or seqs far apart
    if (plan === 'window') {
      const after = windowAfter(seq);
      this.store.setDetached({ roomId, messages: [], hasOlder: after > 0, hasNewer: true, loading: true });
      try {
        const page = await this.api.after(roomId, after, PAGE_SIZE);
        if (!current()) return;
        this.store.addDetached(roomId, page.messages, { hasNewer: page.hasMore });
      } catch (e) {
        if (current()) this.store.setDetached(undefined);
        throw e;
      }
    }
    this.store.setFocus({ roomId, seq, key });
  }

  /** The detached view's next page back in time. */
  async loadOlderDetached(roomId: string): Promise<void> {
    const d = this.store.getState().detached;
    if (d?.roomId !== roomId || d.loading || !d.hasOlder) return;
    this.store.setDetachedLoading(roomId, true);
    try {
      const page = await this.api.before(roomId, d.messages[0]?.seq, PAGE_SIZE);
      this.store.addDetached(roomId, page.messages, { hasOlder: page.hasMore });
    } catch {
      this.store.setDetachedLoading(roomId, false);
    }
  }

  /** The detached view's next page forward in time; reaching the live timeline joins them. */
  async loadNewerDetached(roomId: string): Promise<void> {
    const d = this.store.getState().detached;
    if (d?.roomId !== roomId || d.loading || !d.hasNewer) return;
    this.store.setDetachedLoading(roomId, true);
    try {
      const page = await this.api.after(roomId, d.messages.at(-1)?.seq ?? 0, PAGE_SIZE);
      this.store.addDetached(roomId, page.messages, { hasNewer: page.hasMore });
    } catch {
      this.store.setDetachedLoading(roomId, false);
    }
  }

  /** Leaves the detached view (and any highlight): the live timeline again. */
  showNewest(): void {
    this.jumps++;
    this.store.setDetached(undefined);
    this.store.setFocus(undefined);
  }

  /** Messages found in the user's rooms. */
  search(params: SearchParams): Promise<SearchPage> {
    return this.api.searchMessages(params);
  }

  markActiveRead(): void {
    const roomId = this.store.getState().activeRoomId;
    if (!roomId || document.visibilityState === 'hidden') return;
    const room = this.store.getState().rooms[roomId];
    const last = this.store.timeline(roomId).messages.at(-1)?.seq ?? room?.lastMessage?.seq;
    if (!room?.joined || last === undefined) return;
    if ((room.unread ?? 0) > 0 || (room.lastReadSeq ?? 0) < last) {
      if (!this.realtime.send({ type: 'mark_read', roomId, seq: last })) void this.api.markRead(roomId, last).catch(() => undefined);
    }
    this.store.markRead(roomId, last);
  }

  /** Sends a message; `attachments`: files uploaded to the room for it (text may then be empty). Answers its clientMsgId. */
  send(roomId: string, text: string, replyToSeq?: number, attachments?: FileInfo[]): string {
    // what one writes goes at the end of the live timeline: show it
    if (this.store.getState().detached?.roomId === roomId) this.showNewest();
    const pending: PendingMessage = {
      clientMsgId: newClientMsgId(),
      roomId,
      text,
      replyToSeq,
      attachments: attachments?.length ? attachments : undefined,
      status: 'sending',
      createdAt: new Date().toISOString(),
    };
    this.store.addPending(pending);
    this.transmit(pending);
    return pending.clientMsgId;
  }

  /** Takes back a message that was not sent (a refused one whose text went back into the composer). */
  discard(roomId: string, clientMsgId: string): void {
    clearTimeout(this.ackTimers.get(clientMsgId));
    this.ackTimers.delete(clientMsgId);
    this.store.removePending(roomId, clientMsgId);
  }

  /** A file for the next message in the room, sent at once; its id goes with that message. */
  upload(roomId: string, file: File, onProgress?: (fraction: number) => void): Upload<FileInfo> {
    return this.api.upload(roomId, file, onProgress);
  }

  /** A file or thumbnail (FileInfo url / thumbnailUrl) as a Blob, fetched with the token; recent ones from memory. */
  file(url: string): Promise<Blob> {
    return this.files.get(url);
  }

  /** Edits one's own message: over the socket when connected (the change comes back as message_updated), else REST. */
  async edit(roomId: string, seq: number, text: string): Promise<void> {
    if (this.realtime.send({ type: 'edit_message', roomId, seq, text })) return;
    this.store.updateMessage(await this.api.edit(roomId, seq, text));
  }

  async remove(roomId: string, seq: number): Promise<void> {
    if (this.realtime.send({ type: 'delete_message', roomId, seq })) return;
    await this.api.remove(roomId, seq);
  }

  async react(roomId: string, seq: number, emoji: string, on: boolean): Promise<void> {
    if (this.realtime.send({ type: 'react', roomId, seq, emoji, on })) return;
    this.store.updateMessage(await this.api.react(roomId, seq, emoji, on));
  }

  async pin(roomId: string, seq: number, on: boolean): Promise<void> {
    this.store.updateMessage(await this.api.pin(roomId, seq, on));
  }

  /** The room's pinned messages, most recently pinned first. */
  pins(roomId: string): Promise<Message[]> {
    return this.api.pins(roomId);
  }

  /** A thread: its root and replies, as they are now. */
  async thread(roomId: string, rootSeq: number): Promise<Message[]> {
    const page = await this.api.replies(roomId, rootSeq);
    for (const m of page.messages) this.store.updateMessage(m);
    return page.messages;
  }

  /** Sends a failed message again with the same clientMsgId: the server stores it at most once. */
  retry(roomId: string, clientMsgId: string): void {
    const p = this.store.findPending(clientMsgId);
    if (!p) return;
    this.store.setPendingStatus(roomId, clientMsgId, 'sending');
    this.transmit(p);
  }

  /** Sends a pending message (again): its text, reply and attachments, under its clientMsgId. */
  private transmit({ roomId, clientMsgId, text, replyToSeq, attachments }: PendingMessage): void {
    clearTimeout(this.ackTimers.get(clientMsgId));
    const ids = attachments?.map((f) => f.id);
    const frame = {
      type: 'send_message',
      roomId,
      clientMsgId,
      text,
      ...(replyToSeq !== undefined && { replyToSeq }),
      ...(ids && { attachments: ids }),
    } as const;
    if (this.realtime.send(frame)) {
      this.ackTimers.set(
        clientMsgId,
        setTimeout(() => {
          this.ackTimers.delete(clientMsgId);
          this.store.setPendingStatus(roomId, clientMsgId, 'failed');
        }, ACK_TIMEOUT_MS),
      );
      return;
    }
    // not connected: REST is idempotent on clientMsgId too
    this.api
      .send(roomId, text, clientMsgId, replyToSeq, ids)
      .then((m) => this.realtime.ingest(m))
      .catch((e: unknown) => {
        const refusal = e instanceof ApiError ? e : undefined;
        this.store.setPendingStatus(roomId, clientMsgId, 'failed', refusal?.message, refusal?.code);
        if (refusal?.code === 'muted') this.refreshRoom(roomId);
      });
  }

  /** What the user is notified of in the room, kept by the server for all their devices. */
  async setNotifications(roomId: string, level: NotificationLevel): Promise<void> {
    const answer = await this.api.notifications(roomId, level);
    this.store.setNotifications(roomId, answer.notifications ?? level);
  }

  typing(roomId: string, typing: boolean): void {
    this.realtime.send({ type: 'typing', roomId, typing });
  }

  setStatus(status: ChosenStatus): void {
    this.store.setMyStatus(status);
    const me = this.store.getState().me;
    if (me) this.store.setPresence(me.id, status);
    this.realtime.send({ type: 'set_status', status });
  }

  async createRoom(name: string, visibility: Exclude<Visibility, 'direct'>, description?: string): Promise<Room> {
    const room = await this.api.createRoom(name, visibility, description);
    this.store.upsertRoom({ ...room, joined: true });
    this.realtime.follow(room.id, 0);
    return room;
  }

  async join(roomId: string): Promise<Room> {
    const room = await this.api.join(roomId);
    this.details({ ...room, joined: true });
    this.realtime.follow(roomId, this.store.timeline(roomId).messages.at(-1)?.seq ?? room.lastMessage?.seq ?? 0);
    return room;
  }

  async leave(roomId: string): Promise<void> {
    await this.api.leave(roomId);
    this.realtime.unfollow(roomId);
    // the list holds only the user's rooms now: a public one is found again by browsing
    this.store.removeRoom(roomId);
    await this.refreshRooms();
  }

  async direct(userId: string): Promise<Room> {
    const room = await this.api.direct(userId);
    this.store.upsertRoom({ ...room, joined: true });
    this.realtime.follow(room.id, room.lastMessage?.seq ?? 0);
    return room;
  }

  /** Owner or moderator: name and description; visibility the owner only. */
  async updateRoom(roomId: string, changes: RoomChanges): Promise<Room> {
    const room = await this.api.updateRoom(roomId, changes);
    this.details(room);
    return room;
  }

  /** Removes a member without a ban. */
  async removeMember(roomId: string, userId: string): Promise<void> {
    await this.api.removeMember(roomId, userId);
    this.store.dropMember(roomId, userId);
  }

  /** Bans (and so removes) a member; without `until` for good. */
  async ban(roomId: string, userId: string, reason?: string, until?: string): Promise<Ban> {
    const ban = await this.api.ban(roomId, userId, reason, until);
    this.store.dropMember(roomId, userId);
    return ban;
  }

  mute(roomId: string, userId: string, until: string): Promise<Mute> {
    return this.api.mute(roomId, userId, until);
  }

  /** The room's active bans (owner and moderators only). */
  bans(roomId: string): Promise<Ban[]> {
    return this.api.bans(roomId);
  }

  /** The room's active mutes (owner and moderators only). */
  mutes(roomId: string): Promise<Mute[]> {
    return this.api.mutes(roomId);
  }

  unban(roomId: string, userId: string): Promise<void> {
    return this.api.unban(roomId, userId);
  }

  unmute(roomId: string, userId: string): Promise<void> {
    return this.api.unmute(roomId, userId);
  }

  /** How long the room's messages are kept: its own, every room's, and the one that applies. */
  roomRetention(roomId: string): Promise<RoomRetention> {
    return this.api.roomRetention(roomId);
  }

  /** The owner only: the room's own retention, in days, or null to follow every room's. */
  setRoomRetention(roomId: string, days: RetentionDays): Promise<RoomRetention> {
    return this.api.setRoomRetention(roomId, days);
  }

  searchUsers(query: string) {
    return this.api.users(query);
  }
}
