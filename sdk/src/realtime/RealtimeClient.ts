// The live connection: ticket → WebSocket, join every followed room with its last seq on
// (re)connect, deliver each room's messages once and in order (dedupe by seq, fetch holes),
// ping every 30 s, reconnect with exponential backoff and jitter. The socket's authorization
// (until the exp of the token that bought its ticket) is renewed in place with an `auth` frame;
// one that ran out anyway (4001) reconnects at once, one whose session ended (1008) stops.
import type { Message, MessagePage, SessionEndReason, WsTicket } from '../types.js';
import type { ClientFrame, ServerFrame } from './frames.js';

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'reconnecting';

/** The part of the browser's WebSocket this client uses (a fake one in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface RealtimeDeps {
  /** A single-use ticket; without authExpiresAt (an older server) the socket is never renewed. */
  ticket(): Promise<Pick<WsTicket, 'ticket' | 'authExpiresAt'>>;
  url(ticket: string): string;
  createSocket(url: string): SocketLike;
  fetchAfter(roomId: string, afterSeq: number): Promise<MessagePage>;
  /**
   * An access token that outlives validAfter (ms since the epoch, on the token's clock), refreshed
   * first when the current one does not or is the one the server just refused; undefined when
   * none can be had. Without it the socket is never renewed (it closes with 4001 and reconnects).
   */
  accessToken?(validAfter: number, refused?: string): Promise<string | undefined>;
  random?: () => number;
  now?: () => number;
}

export interface RealtimeHandlers {
  /** Each room's messages, once each, in seq order. */
  message(message: Message): void;
  /** A message changed: its current state (a repeat or an older state may arrive too: keep the highest version). */
  updated(message: Message): void;
  /** Every other frame (ack, typing, presence, joins, errors…). */
  frame(frame: ServerFrame): void;
  state(state: ConnectionState, recovered: boolean): void;
  /** The server ended the session (signed out elsewhere, user disabled): nothing reconnects any more. */
  sessionEnded(reason: SessionEndReason): void;
  /**
   * The room's history on the server ends before what this client saw (the server was restored
   * from a backup): drop what is held of the room and load it again; its next messages reuse
   * the seqs after the restored head.
   */
  rewound(roomId: string): void;
}

interface Cursor {
  lastSeq?: number;
  /** every change up to this version of the room has been seen: a rejoin asks for what came after */
  version?: number;
  /** versions seen above `version`, waiting for the ones before them (changes from two servers may cross) */
  versionsAhead: Set<number>;
  /** messages that arrived ahead of a hole, waiting for it to be filled */
  ahead: Map<number, Message>;
  filling: boolean;
}

const OPEN = 1;
export const PING_MS = 30_000;
const PONG_TIMEOUT_MS = 10_000;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** close code of a socket whose authorization ran out without renewal */
const AUTH_EXPIRED = 4001;
const POLICY_VIOLATION = 1008;
/** renew this long before the authorization runs out, or at 3/4 of a shorter remaining lifetime */
const RENEW_LEAD_MS = 60_000;
/** never sooner than this: a token that is about to expire anyway must not spin the renewal */
const RENEW_MIN_DELAY_MS = 5_000;
/** a failed renewal is retried after 2, 4, 8 s (never past the expiry); then the 4001 close reconnects */
const RENEW_RETRY_BASE_MS = 2_000;
const RENEW_RETRIES = 3;
const AUTH_ANSWER_TIMEOUT_MS = 10_000;
/** a 4001 on a socket younger than this backs off like any close (no reconnect storm) */
const QUICK_RECONNECT_MIN_ONLINE_MS = 5_000;
const SESSION_END_REASONS: Record<string, SessionEndReason> = { 'session ended': 'session-ended', 'user disabled': 'user-disabled' };

function parseTime(iso: string | undefined): number | undefined {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? undefined : t;
}

export class RealtimeClient {
  private socket?: SocketLike;
  private readonly cursors = new Map<string, Cursor>();
  private readonly followed = new Set<string>();
  private attempt = 0;
  private running = false;
  private wasOnline = false;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private pingTimer?: ReturnType<typeof setInterval>;
  private pongTimer?: ReturnType<typeof setTimeout>;
  private current: ConnectionState = 'idle';
  /** until when the open socket is authorized (ms since the epoch), when the server said */
  private authExpiresAt?: number;
  private openedAt = 0;
  private renewTimer?: ReturnType<typeof setTimeout>;
  private renewFailures = 0;
  /** the token of the `auth` frame waiting for its answer */
  private renewingWith?: string;

  constructor(
    private readonly deps: RealtimeDeps,
    private readonly handlers: RealtimeHandlers,
  ) {}

  get state(): ConnectionState {
    return this.current;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.setState('connecting');
    void this.connect();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.stopPing();
    this.stopRenewal();
    const s = this.socket;
    this.socket = undefined;
    if (s) {
      s.onclose = s.onmessage = s.onerror = s.onopen = null;
      s.close(1000, 'signed out');
    }
    this.setState('idle');
  }

  /** The network is back (browser 'online' event): try now instead of waiting for the backoff. */
  reconnectNow(): void {
    if (!this.running || this.current === 'online') return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    void this.connect();
  }

  /** The network is gone (browser 'offline' event): drop the socket rather than wait for a timeout. */
  dropConnection(): void {
    if (this.socket) this.handleClose(this.socket);
  }

  /** Follow a room's live events from lastSeq (when known); sent now if connected, else on connect. */
  follow(roomId: string, lastSeq?: number): void {
    this.followed.add(roomId);
    const cursor = this.cursor(roomId);
    if (lastSeq !== undefined && (cursor.lastSeq === undefined || lastSeq > cursor.lastSeq)) cursor.lastSeq = lastSeq;
    this.send(this.joinFrame(roomId));
  }

  unfollow(roomId: string): void {
    this.followed.delete(roomId);
    this.cursors.delete(roomId);
    this.send({ type: 'leave_room', roomId });
  }

  lastSeq(roomId: string): number | undefined {
    return this.cursors.get(roomId)?.lastSeq;
  }

  /** Sends a frame when connected; false when it could not be sent. */
  send(frame: ClientFrame): boolean {
    const s = this.socket;
    if (!s || s.readyState !== OPEN || this.current !== 'online') return false;
    s.send(JSON.stringify(frame));
    return true;
  }

  /** Feed a message from anywhere (live frame, ack, REST answer) through the same once-in-order gate. */
  ingest(message: Message): void {
    const cursor = this.cursor(message.roomId);
    if (cursor.lastSeq === undefined) {
      cursor.lastSeq = message.seq - 1; // no baseline yet: start here
    }
    if (message.seq <= cursor.lastSeq) return; // seen already
    if (message.seq === cursor.lastSeq + 1) {
      this.deliver(cursor, message);
      this.drain(cursor);
      return;
    }
    cursor.ahead.set(message.seq, message);
    void this.fillHole(message.roomId);
  }

  private cursor(roomId: string): Cursor {
    let c = this.cursors.get(roomId);
    if (!c) {
      c = { ahead: new Map(), filling: false, versionsAhead: new Set() };
      this.cursors.set(roomId, c);
    }
    return c;
  }

  private deliver(cursor: Cursor, message: Message): void {
    cursor.lastSeq = message.seq;
    this.handlers.message(message);
  }

  private drain(cursor: Cursor): void {
    for (const seq of [...cursor.ahead.keys()].sort((a, b) => a - b)) {
      if (cursor.lastSeq !== undefined && seq <= cursor.lastSeq) {
        cursor.ahead.delete(seq);
      } else if (seq === (cursor.lastSeq ?? 0) + 1) {
        const m = cursor.ahead.get(seq)!;
        cursor.ahead.delete(seq);
        this.deliver(cursor, m);
      } else {
        break;
      }
    }
  }

  private async fillHole(roomId: string): Promise<void> {
    const cursor = this.cursor(roomId);
    if (cursor.filling) return;
    cursor.filling = true;
    try {
      while (cursor.ahead.size > 0 && this.cursors.get(roomId) === cursor) {
        const before = cursor.lastSeq ?? 0;
        const page = await this.deps.fetchAfter(roomId, before);
        for (const m of page.messages.slice().sort((a, b) => a.seq - b.seq)) {
          if (m.seq === (cursor.lastSeq ?? 0) + 1) this.deliver(cursor, m);
        }
        this.drain(cursor);
        if ((cursor.lastSeq ?? 0) === before) break; // nothing new: the resume on reconnect will catch up
      }
    } catch {
      // the store was unreachable; the next live message or the next join_room replays the rest
    } finally {
      cursor.filling = false;
    }
  }

  private joinFrame(roomId: string): ClientFrame {
    const cursor = this.cursors.get(roomId);
    const frame: Extract<ClientFrame, { type: 'join_room' }> = { type: 'join_room', roomId };
    if (cursor?.lastSeq !== undefined) frame.lastSeq = cursor.lastSeq;
    if (cursor?.version !== undefined) frame.sinceVersion = cursor.version;
    return frame;
  }

  /** A joined head below the seq this client holds: the server's history went back; follow it from there. */
  private rewindIfBehind(roomId: string, head: number, version: number | undefined): void {
    const cursor = this.cursors.get(roomId);
    if (cursor?.lastSeq === undefined || head >= cursor.lastSeq) return;
    cursor.lastSeq = head;
    cursor.ahead.clear();
    cursor.version = version;
    cursor.versionsAhead.clear();
    this.handlers.rewound(roomId);
  }

  /** Versions seen: the watermark moves only over an unbroken run, so a rejoin never skips a change. */
  private sawVersion(roomId: string, version: number | undefined, complete = false): void {
    if (version === undefined) return;
    const cursor = this.cursor(roomId);
    if (complete) {
      // joined: everything up to it was replayed
      cursor.version = Math.max(cursor.version ?? 0, version);
    } else if (cursor.version !== undefined && version > cursor.version) {
      cursor.versionsAhead.add(version);
    }
    if (cursor.version === undefined) return;
    for (const v of cursor.versionsAhead) if (v <= cursor.version) cursor.versionsAhead.delete(v);
    while (cursor.versionsAhead.delete(cursor.version + 1)) cursor.version += 1;
  }

  /** The version a rejoin of the room would ask changes after. */
  version(roomId: string): number | undefined {
    return this.cursors.get(roomId)?.version;
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    clearTimeout(this.retryTimer);
    if (this.socket) {
      const old = this.socket;
      this.socket = undefined;
      old.onclose = old.onmessage = old.onerror = old.onopen = null;
      old.close();
    }
    let ticket: Pick<WsTicket, 'ticket' | 'authExpiresAt'>;
    try {
      ticket = await this.deps.ticket();
    } catch {
      this.scheduleReconnect();
      return;
    }
    if (!this.running || this.socket) return;
    const socket = this.deps.createSocket(this.deps.url(ticket.ticket));
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      const recovered = this.wasOnline;
      this.attempt = 0;
      this.wasOnline = true;
      this.openedAt = this.now();
      this.authExpiresAt = parseTime(ticket.authExpiresAt);
      this.renewFailures = 0;
      this.setState('online', recovered);
      for (const roomId of this.followed) this.send(this.joinFrame(roomId));
      this.startPing();
      this.scheduleRenewal();
    };
    socket.onmessage = (ev) => {
      if (socket !== this.socket) return;
      this.receive(ev.data);
    };
    socket.onclose = (ev) => this.handleClose(socket, ev);
    socket.onerror = () => {
      // a close event follows every error
    };
  }

  private handleClose(socket: SocketLike, ev?: { code: number; reason?: string }): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    socket.onclose = socket.onmessage = socket.onerror = socket.onopen = null;
    try {
      socket.close();
    } catch {
      // already closed
    }
    this.stopPing();
    this.stopRenewal();
    if (!this.running) return;
    const ended = ev?.code === POLICY_VIOLATION ? SESSION_END_REASONS[(ev.reason ?? '').trim().toLowerCase()] : undefined;
    if (ended) {
      // signing in again is the only way back; any other 1008 (bad ticket, too slow) reconnects
      this.stop();
      this.handlers.sessionEnded(ended);
      return;
    }
    const settled = this.openedAt > 0 && this.now() - this.openedAt >= QUICK_RECONNECT_MIN_ONLINE_MS;
    this.openedAt = 0;
    if (ev?.code === AUTH_EXPIRED && settled) {
      // only the authorization ran out: a fresh token and ticket now, rooms resume from lastSeq
      this.setState('reconnecting');
      this.attempt = 0;
      void this.connect();
      return;
    }
    this.scheduleReconnect();
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** The next renewal: RENEW_LEAD_MS before the authorization runs out, 3/4 of the way when that is sooner. */
  private scheduleRenewal(): void {
    clearTimeout(this.renewTimer);
    this.renewingWith = undefined;
    if (!this.deps.accessToken || this.authExpiresAt === undefined) return;
    const remaining = this.authExpiresAt - this.now();
    const lead = Math.min(RENEW_LEAD_MS, remaining / 4);
    const socket = this.socket;
    this.renewTimer = setTimeout(() => void this.renew(socket), Math.max(RENEW_MIN_DELAY_MS, remaining - lead));
  }

  private async renew(socket: SocketLike | undefined, refused?: string): Promise<void> {
    const expiresAt = this.authExpiresAt;
    if (socket !== this.socket || expiresAt === undefined || !this.deps.accessToken) return;
    let token: string | undefined;
    try {
      token = await this.deps.accessToken(expiresAt, refused);
    } catch {
      token = undefined;
    }
    if (socket !== this.socket) return;
    if (!token || !this.send({ type: 'auth', token })) {
      this.renewalFailed(socket, refused); // still not that one next time
      return;
    }
    this.renewingWith = token;
    clearTimeout(this.renewTimer);
    this.renewTimer = setTimeout(() => this.renewalFailed(socket), AUTH_ANSWER_TIMEOUT_MS);
  }

  /** Another try after 2, 4, 8 s while the authorization lasts; after that the 4001 close reconnects. */
  private renewalFailed(socket: SocketLike | undefined, refused?: string): void {
    clearTimeout(this.renewTimer);
    this.renewingWith = undefined;
    if (socket !== this.socket || this.authExpiresAt === undefined) return;
    this.renewFailures++;
    const left = this.authExpiresAt - this.now();
    if (this.renewFailures > RENEW_RETRIES || left <= 0) return;
    const delay = Math.min(RENEW_RETRY_BASE_MS * 2 ** (this.renewFailures - 1), left / 2);
    this.renewTimer = setTimeout(() => void this.renew(socket, refused), delay);
  }

  private renewed(expiresAt: string): void {
    const next = parseTime(expiresAt);
    if (next === undefined || (this.authExpiresAt !== undefined && next <= this.authExpiresAt)) {
      // no later than before (e.g. the token could not be refreshed): try again, then let it run out
      this.renewalFailed(this.socket);
      return;
    }
    this.authExpiresAt = next;
    this.renewFailures = 0;
    this.scheduleRenewal();
  }

  private stopRenewal(): void {
    clearTimeout(this.renewTimer);
    this.renewingWith = undefined;
    this.authExpiresAt = undefined;
    this.renewFailures = 0;
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    this.setState(this.wasOnline ? 'reconnecting' : 'connecting');
    const random = this.deps.random ?? Math.random;
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    const delay = ceiling / 2 + random() * (ceiling / 2); // "equal jitter": never all at once, never zero
    this.attempt++;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private receive(data: unknown): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(data)) as ServerFrame;
    } catch {
      return;
    }
    this.handle(frame);
  }

  private handle(frame: ServerFrame): void {
    switch (frame.type) {
      case 'batch':
        for (const inner of frame.frames) {
          this.handle(inner);
        }
        return;
      case 'message_received':
        this.ingest(frame.message);
        return;
      case 'message_updated':
        this.sawVersion(frame.message.roomId, frame.message.version);
        this.handlers.updated(frame.message);
        return;
      case 'joined':
        this.rewindIfBehind(frame.roomId, frame.lastSeq, frame.version);
        this.sawVersion(frame.roomId, frame.version, true);
        this.handlers.frame(frame);
        return;
      case 'ack':
        this.ingest(frame.message);
        this.handlers.frame(frame);
        return;
      case 'pong':
        clearTimeout(this.pongTimer);
        return;
      case 'auth_ok':
        this.renewed(frame.expiresAt);
        return;
      case 'error':
        if (frame.code === 'invalid-token' && this.renewingWith !== undefined) {
          // the old authorization still holds: retry with another token before it runs out
          this.renewalFailed(this.socket, this.renewingWith);
          return;
        }
        this.handlers.frame(frame);
        return;
      default:
        this.handlers.frame(frame);
    }
  }

  private startPing(): void {
    this.stopPing();
    this.pingTimer = setInterval(() => {
      if (this.send({ type: 'ping' })) {
        clearTimeout(this.pongTimer);
        // no pong: the connection is dead even if the browser has not noticed
        this.pongTimer = setTimeout(() => this.dropConnection(), PONG_TIMEOUT_MS);
      }
    }, PING_MS);
  }

  private stopPing(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
  }

  private setState(state: ConnectionState, recovered = false): void {
    if (state === this.current && !recovered) return;
    this.current = state;
    this.handlers.state(state, recovered);
  }
}
