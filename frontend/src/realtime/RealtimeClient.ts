// The live connection: ticket → WebSocket, join every followed room with its last seq on
// (re)connect, deliver each room's messages once and in order (dedupe by seq, fetch holes),
// ping every 30 s, reconnect with exponential backoff and jitter.
import type { Message, MessagePage } from '../api/types';
import type { ClientFrame, ServerFrame } from './frames';

export type ConnectionState = 'idle' | 'connecting' | 'online' | 'reconnecting';

/** The part of the browser's WebSocket this client uses (a fake one in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface RealtimeDeps {
  ticket(): Promise<string>;
  url(ticket: string): string;
  createSocket(url: string): SocketLike;
  fetchAfter(roomId: string, afterSeq: number): Promise<MessagePage>;
  random?: () => number;
}

export interface RealtimeHandlers {
  /** Each room's messages, once each, in seq order. */
  message(message: Message): void;
  /** Every other frame (ack, typing, presence, joins, errors…). */
  frame(frame: ServerFrame): void;
  state(state: ConnectionState, recovered: boolean): void;
}

interface Cursor {
  lastSeq?: number;
  /** messages that arrived ahead of a hole, waiting for it to be filled */
  ahead: Map<number, Message>;
  filling: boolean;
}

const OPEN = 1;
export const PING_MS = 30_000;
const PONG_TIMEOUT_MS = 10_000;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;

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
      c = { ahead: new Map(), filling: false };
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
    const lastSeq = this.cursors.get(roomId)?.lastSeq;
    return lastSeq === undefined ? { type: 'join_room', roomId } : { type: 'join_room', roomId, lastSeq };
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
    let ticket: string;
    try {
      ticket = await this.deps.ticket();
    } catch {
      this.scheduleReconnect();
      return;
    }
    if (!this.running || this.socket) return;
    const socket = this.deps.createSocket(this.deps.url(ticket));
    this.socket = socket;
    socket.onopen = () => {
      if (socket !== this.socket) return;
      const recovered = this.wasOnline;
      this.attempt = 0;
      this.wasOnline = true;
      this.setState('online', recovered);
      for (const roomId of this.followed) this.send(this.joinFrame(roomId));
      this.startPing();
    };
    socket.onmessage = (ev) => {
      if (socket !== this.socket) return;
      this.receive(ev.data);
    };
    socket.onclose = () => this.handleClose(socket);
    socket.onerror = () => {
      // a close event follows every error
    };
  }

  private handleClose(socket: SocketLike): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    socket.onclose = socket.onmessage = socket.onerror = socket.onopen = null;
    try {
      socket.close();
    } catch {
      // already closed
    }
    this.stopPing();
    if (this.running) this.scheduleReconnect();
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
    switch (frame.type) {
      case 'message_received':
        this.ingest(frame.message);
        return;
      case 'ack':
        this.ingest(frame.message);
        this.handlers.frame(frame);
        return;
      case 'pong':
        clearTimeout(this.pongTimer);
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
