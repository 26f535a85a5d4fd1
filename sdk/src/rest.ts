// A small typed REST client over fetch, with no dependencies: the generic request() is typed by
// the OpenAPI document's paths (src/generated/openapi.ts); the convenience methods a bot needs
// answer the stricter shapes of docs/api.md (src/types.ts).
import type { paths } from './generated/openapi.js';
import type { Me, Message, MessagePage, Problem, Room, WsTicket } from './types.js';

/** A person signs in elsewhere and hands over their access token; a bot presents its own token. */
export type BlauAuth =
  /** `Authorization: Bearer <token>`: asked before every request (return a fresh one; undefined sends none) */
  | { bearer: () => Promise<string | undefined> }
  /** `Authorization: Bot <token>`: the token an administrator got when creating the bot */
  | { bot: string };

export interface BlauClientOptions {
  /** The server's origin (and path prefix, if any): `https://chat.example.com`; '' for the page's own origin. */
  baseUrl: string;
  auth: BlauAuth;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** How many times send() sends again after a network error or a 503 with Retry-After (default 3). */
  retries?: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The operation of a path and method in the OpenAPI document. */
export type Operation<P extends keyof paths, M extends HttpMethod> =
  Lowercase<M> extends keyof paths[P] ? NonNullable<paths[P][Lowercase<M>]> : never;

/** The paths that have an operation for this method. */
export type PathsWith<M extends HttpMethod> = {
  [P in keyof paths]: [Operation<P, M>] extends [never] ? never : P;
}[keyof paths];

type ParametersOf<O> = O extends { parameters: infer Ps } ? Ps : object;

/** One part of a request: not allowed where the operation has none, else optional or required as it says. */
type Part<Name extends string, Container, Key extends PropertyKey> = Key extends keyof Container
  ? [NonNullable<Container[Key]>] extends [never]
    ? { [K in Name]?: never }
    : object extends Pick<Container, Key>
      ? { [K in Name]?: NonNullable<Container[Key]> }
      : { [K in Name]: NonNullable<Container[Key]> }
  : { [K in Name]?: never };

/** The JSON request body (never where the operation takes none, or takes something else than JSON). */
type JsonBody<B> = B extends { content: { 'application/json': infer J } } ? J : never;
type BodyOf<O> = O extends { requestBody?: infer B } ? { body: JsonBody<NonNullable<B>> } : object;

/** What a request sends: `params` fill the path's `{placeholders}`, `query` the query string, `body` is JSON. */
export type RequestOptions<O> = Part<'params', ParametersOf<O>, 'path'> &
  Part<'query', ParametersOf<O>, 'query'> &
  Part<'body', O extends { requestBody: unknown } ? BodyOf<O> : Partial<BodyOf<O>>, 'body'> & {
    signal?: AbortSignal;
  };

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : unknown;

/** The JSON of the operation's success answers (unknown where the document gives no schema). */
export type ResponseOf<O> = O extends { responses: infer R }
  ? { [S in keyof R]: S extends SuccessStatus ? JsonContent<R[S]> : never }[keyof R]
  : unknown;

/** The options argument may be left out when nothing in it is required. */
type OptionsArg<O> = object extends RequestOptions<O> ? [options?: RequestOptions<O>] : [options: RequestOptions<O>];

/** An answer that is not 2xx: its status and problem+json body (RFC 9457). */
export class BlauApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds the server asked to wait before trying again (`Retry-After`), when it said. */
  readonly retryAfter?: number;

  constructor(status: number, problem: Problem, retryAfter?: number) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'BlauApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** The problem's code: the last segment of its `type` (`…/not-a-member` → `not-a-member`). */
  get code(): string | undefined {
    return this.problem.type?.split('/').pop() || undefined;
  }
}

export interface HistoryOptions {
  /** pages back from this seq, newest first (neither: the newest page) */
  before?: number;
  /** catches up after this seq, oldest first */
  after?: number;
  /** 1–100 (the server's default: 50) */
  limit?: number;
}

export interface NewMessage {
  text: string;
  /** The message's idempotency key (1–64 characters): the same one again stores nothing. Default: a random UUID. */
  clientMsgId?: string;
  /** answer in the thread of this message */
  replyToSeq?: number;
  /** ids of the sender's own uploads to the room (at most 10) */
  attachments?: string[];
}

export interface BlauClient {
  readonly baseUrl: string;
  readonly auth: BlauAuth;
  /** Any call of the OpenAPI document: `request('GET', '/api/v1/chat/rooms/{id}', { params: { id } })`. */
  request<M extends HttpMethod, P extends PathsWith<M>>(
    method: M,
    path: P,
    ...options: OptionsArg<Operation<P, M>>
  ): Promise<ResponseOf<Operation<P, M>>>;
  /** Who the chat takes the caller for: a bot learns its own id here. */
  me(): Promise<Me>;
  /** Every room the caller belongs to, most recent activity first. */
  rooms(): Promise<Room[]>;
  /** A room's details: members with roles and presence. */
  room(id: string): Promise<Room>;
  /** A page of a room's messages. */
  history(roomId: string, options?: HistoryOptions): Promise<MessagePage>;
  /**
   * Sends a message and answers it as stored. Network errors and 503s with Retry-After are
   * retried with the same clientMsgId (the server stores it once), up to `retries` times.
   */
  send(roomId: string, message: NewMessage): Promise<Message>;
  /** A single-use ticket for the WebSocket handshake (30 s). */
  wsTicket(): Promise<WsTicket>;
}

const DEFAULT_RETRIES = 3;
/** a network error is sent again after 0.5, 1, 2 s… */
const NETWORK_RETRY_BASE_MS = 500;
/** never wait longer than this between two sends, whatever Retry-After says */
const MAX_RETRY_WAIT_MS = 30_000;

/** A `Retry-After` header in seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : NaN; // an HTTP date names its day and month
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** A random clientMsgId (a UUID; pages served over plain http have no randomUUID). */
export function newClientMsgId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new TypeError(`${path}: no value for {${name}}`);
    return encodeURIComponent(String(value));
  });
}

function queryString(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null) search.append(key, String(v));
    }
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

async function problemOf(response: Response): Promise<Problem> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // the body could not be read: the status alone
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Problem;
  } catch {
    // not JSON (a proxy's error page)
  }
  return { status: response.status, title: response.statusText || `HTTP ${response.status}`, ...(text ? { detail: text.slice(0, 200) } : {}) };
}

/** What fetch itself threw (the network failed), as opposed to any other error on the way. */
const networkErrors = new WeakSet<object>();

/** How long to wait before sending again, or undefined when the error is not worth another try. */
function retryDelay(error: unknown, attempt: number): number | undefined {
  if (error instanceof BlauApiError) {
    if (error.status !== 503 || error.retryAfter === undefined) return undefined;
    return Math.min(error.retryAfter * 1000, MAX_RETRY_WAIT_MS);
  }
  if (!networkErrors.has(error as object) || (error as Error).name === 'AbortError') return undefined;
  // fetch rejected: the network (the request may or may not have reached the server)
  return Math.min(NETWORK_RETRY_BASE_MS * 2 ** attempt, MAX_RETRY_WAIT_MS);
}

interface CallOptions {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createBlauClient(options: BlauClientOptions): BlauClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const { auth } = options;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function authorization(): Promise<string | undefined> {
    if ('bot' in auth) return `Bot ${auth.bot}`;
    const token = await auth.bearer();
    return token ? `Bearer ${token}` : undefined;
  }

  async function call(
    method: HttpMethod,
    path: string,
    { params, query, body, signal }: CallOptions = {},
  ): Promise<unknown> {
    const url = `${baseUrl}${fillPath(path, params)}${queryString(query)}`;
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    const authHeader = await authorization();
    if (authHeader) headers.Authorization = authHeader;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    } catch (error) {
      if (typeof error === 'object' && error !== null) networkErrors.add(error);
      throw error;
    }
    if (!response.ok) {
      throw new BlauApiError(response.status, await problemOf(response), retryAfterSeconds(response.headers.get('Retry-After')));
    }
    if (response.status === 204) return undefined;
    const text = await response.text();
    if (!text) return undefined;
    if (!/json/i.test(response.headers.get('Content-Type') ?? 'json')) return text;
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  const client: BlauClient = {
    baseUrl,
    auth,
    request(method, path, ...rest) {
      return call(method, path, rest[0] as CallOptions) as never;
    },
    async me() {
      return (await client.request('GET', '/api/v1/chat/me')) as Me;
    },
    async rooms() {
      return (await client.request('GET', '/api/v1/chat/rooms')) as Room[];
    },
    async room(id) {
      return (await client.request('GET', '/api/v1/chat/rooms/{id}', { params: { id } })) as Room;
    },
    async history(roomId, { before, after, limit } = {}) {
      const page = await client.request('GET', '/api/v1/chat/rooms/{id}/messages', { params: { id: roomId }, query: { before, after, limit } });
      return page as MessagePage;
    },
    async send(roomId, { text, clientMsgId = newClientMsgId(), replyToSeq, attachments }) {
      const body = { text, clientMsgId, replyToSeq, attachments };
      for (let attempt = 0; ; attempt++) {
        try {
          const stored = await client.request('POST', '/api/v1/chat/rooms/{id}/messages', { params: { id: roomId }, body });
          return stored as Message;
        } catch (error) {
          const wait = retryDelay(error, attempt);
          if (wait === undefined || attempt >= retries) throw error;
          await sleep(wait);
        }
      }
    },
    async wsTicket() {
      return (await client.request('POST', '/api/v1/chat/ws-ticket')) as WsTicket;
    },
  };
  return client;
}
