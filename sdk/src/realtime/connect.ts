// The live connection of a REST client's user or bot: RealtimeClient wired to createBlauClient.
import type { BlauClient } from '../rest.js';
import { RealtimeClient, type RealtimeHandlers, type SocketLike } from './RealtimeClient.js';

/**
 * A WebSocket as TypeScript sees the browser's and `ws`'s (their event types differ): what
 * createSocket answers. RealtimeClient uses it as a {@link SocketLike}.
 */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: unknown;
  onmessage: unknown;
  onclose: unknown;
  onerror: unknown;
}

export interface ConnectRealtimeOptions {
  /**
   * Opens a socket: default `new WebSocket(url)` where there is a global WebSocket (browsers,
   * Node 22+). On Node 20 pass one, e.g. `(url) => new WebSocket(url)` with `ws`'s WebSocket.
   */
  createSocket?: (url: string) => WebSocketLike;
  /** The socket's URL for a ticket; default {@link realtimeUrl} of the client's baseUrl. */
  wsUrl?: (ticket: string) => string;
}

/**
 * `ws(s)://host/api/v1/chat/ws?ticket=…&batch=1` for a REST base URL (`http(s)://host`; ''
 * for the page's own origin). `batch=1`: frames that pile up arrive as one `batch` frame, which
 * RealtimeClient unpacks.
 */
export function realtimeUrl(baseUrl: string, ticket: string): string {
  let base = baseUrl.replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(base)) {
    const location = (globalThis as { location?: { protocol: string; host: string } }).location;
    if (!location) throw new TypeError(`no origin to open the socket on: baseUrl '${baseUrl}' is not absolute`);
    base = `${location.protocol}//${location.host}${base}`;
  }
  return `${base.replace(/^http/i, 'ws')}/api/v1/chat/ws?ticket=${encodeURIComponent(ticket)}&batch=1`;
}

function globalWebSocket(): ((url: string) => WebSocketLike) | undefined {
  const WebSocketClass = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  return typeof WebSocketClass === 'function' ? (url) => new WebSocketClass(url) : undefined;
}

const noop = () => {};

/**
 * Starts the live connection of the client's user or bot and answers it: tickets from
 * `wsTicket()`, holes in a room's messages filled from `history(…, { after })`, reconnection
 * with backoff. Follow rooms with `follow(roomId, lastSeq?)`; `stop()` closes it. Handlers left
 * out do nothing. A bearer client's socket is renewed with the token `auth.bearer()` answers; a
 * bot's needs no renewal.
 */
export function connectRealtime(
  client: BlauClient,
  handlers: Partial<RealtimeHandlers>,
  { createSocket = globalWebSocket(), wsUrl = (ticket) => realtimeUrl(client.baseUrl, ticket) }: ConnectRealtimeOptions = {},
): RealtimeClient {
  if (!createSocket) {
    throw new TypeError('no global WebSocket here (Node 20): pass createSocket, e.g. (url) => new WebSocket(url) with the ws package');
  }
  const { auth } = client;
  const realtime = new RealtimeClient(
    {
      ticket: () => client.wsTicket(),
      url: wsUrl,
      createSocket: (url) => createSocket(url) as SocketLike,
      fetchAfter: (roomId, afterSeq) => client.history(roomId, { after: afterSeq }),
      accessToken: 'bearer' in auth ? () => auth.bearer() : undefined,
    },
    {
      message: handlers.message?.bind(handlers) ?? noop,
      updated: handlers.updated?.bind(handlers) ?? noop,
      frame: handlers.frame?.bind(handlers) ?? noop,
      state: handlers.state?.bind(handlers) ?? noop,
      sessionEnded: handlers.sessionEnded?.bind(handlers) ?? noop,
      rewound: handlers.rewound?.bind(handlers) ?? noop,
    },
  );
  realtime.start();
  return realtime;
}
