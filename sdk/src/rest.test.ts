import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { BlauApiError, createBlauClient, retryAfterSeconds, type BlauClient } from './rest.js';
import type { components } from './generated/openapi.js';
import type { Message, MessagePage, Room } from './types.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

const problem = (status: number, code: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `https://blau.dev/problems/${code}`, title: 'Problem', status, detail: `${code} happened` }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });

const stored = (clientMsgId: string): Message => ({
  id: 'm1',
  roomId: 'r1',
  seq: 7,
  senderId: 'bot-1',
  text: 'hi',
  clientMsgId,
  createdAt: '2026-01-01T10:00:00Z',
});

/** A fetch that records each call and answers from the queue (a function may throw: a network error). */
function fakeFetch(...answers: Array<Response | ((call: Call) => Response)>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected ${call.method} ${call.url}`);
    return typeof answer === 'function' ? answer(call) : answer;
  });
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const networkError = () => {
  throw new TypeError('fetch failed');
};

function bot(...answers: Array<Response | ((call: Call) => Response)>) {
  const { fetch, calls } = fakeFetch(...answers);
  return { client: createBlauClient({ baseUrl: 'https://chat.example.com/', auth: { bot: 'secret' }, fetch }), calls };
}

describe('createBlauClient', () => {
  it('sends a bot token as Authorization: Bot and fills path and query', async () => {
    const page: MessagePage = { messages: [], hasMore: false };
    const { client, calls } = bot(json(200, page));
    expect(await client.history('room 1/x', { after: 4, limit: 10 })).toEqual(page);
    expect(calls[0]).toMatchObject({
      method: 'GET',
      url: 'https://chat.example.com/api/v1/chat/rooms/room%201%2Fx/messages?after=4&limit=10',
      headers: { Authorization: 'Bot secret' },
    });
    expect(calls[0].headers['Content-Type']).toBeUndefined();
  });

  it('asks the bearer function before every request and sends no header when it has no token', async () => {
    const tokens = ['t1', undefined];
    const { fetch, calls } = fakeFetch(json(200, []), json(200, []));
    const client = createBlauClient({ baseUrl: 'http://localhost:9080', auth: { bearer: async () => tokens.shift() }, fetch });
    await client.rooms();
    await client.rooms();
    expect(calls.map((c) => c.url)).toEqual(['http://localhost:9080/api/v1/chat/rooms', 'http://localhost:9080/api/v1/chat/rooms']);
    expect(calls[0].headers.Authorization).toBe('Bearer t1');
    expect(calls[1].headers.Authorization).toBeUndefined();
  });

  it('answers rooms, a room and a ticket', async () => {
    const room: Room = { id: 'r1', name: 'general', visibility: 'public' };
    const { client, calls } = bot(json(200, [room]), json(200, room), json(200, { ticket: 'abc', expiresIn: 30 }));
    expect(await client.rooms()).toEqual([room]);
    expect(await client.room('r1')).toEqual(room);
    expect(await client.wsTicket()).toEqual({ ticket: 'abc', expiresIn: 30 });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET https://chat.example.com/api/v1/chat/rooms',
      'GET https://chat.example.com/api/v1/chat/rooms/r1',
      'POST https://chat.example.com/api/v1/chat/ws-ticket',
    ]);
  });

  it('throws BlauApiError with the status and the problem', async () => {
    const { client } = bot(problem(403, 'not-a-member'));
    const error = await client.room('r1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlauApiError);
    const e = error as BlauApiError;
    expect(e.status).toBe(403);
    expect(e.code).toBe('not-a-member');
    expect(e.message).toBe('not-a-member happened');
    expect(e.problem).toMatchObject({ status: 403, title: 'Problem', detail: 'not-a-member happened' });
  });

  it('keeps field errors, and makes a problem of an answer that is not JSON', async () => {
    const fieldErrors = { type: 'https://blau.dev/problems/validation', title: 'Bad Request', status: 400, errors: [{ field: 'text', message: 'too long' }] };
    const { client } = bot(json(400, fieldErrors), new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const first = (await client.send('r1', { text: 'x' }).catch((e: unknown) => e)) as BlauApiError;
    expect(first.problem.errors).toEqual([{ field: 'text', message: 'too long' }]);
    const second = (await client.rooms().catch((e: unknown) => e)) as BlauApiError;
    expect(second.status).toBe(502);
    expect(second.problem).toMatchObject({ status: 502, title: 'Bad Gateway', detail: '<html>bad gateway</html>' });
  });

  it('request() calls any path of the document, typed by it', async () => {
    const { client, calls } = bot(json(200, { id: 'r1' }));
    const room = await client.request('POST', '/api/v1/chat/rooms/{id}/members', { params: { id: 'r1' }, body: { userId: 'u2' } });
    expect(room).toEqual({ id: 'r1' });
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: 'https://chat.example.com/api/v1/chat/rooms/r1/members',
      body: { userId: 'u2' },
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it('types request() by the generated paths', () => {
    const client = {} as BlauClient;
    const typesOnly = () => {
      expectTypeOf(client.request('GET', '/api/v1/chat/rooms')).resolves.toBeArray();
      expectTypeOf(client.request('GET', '/api/v1/chat/rooms/{id}/messages', { params: { id: 'r' }, query: { after: 1 } })).resolves.toEqualTypeOf<
        components['schemas']['MessagePage']
      >();
      expectTypeOf(client.request('POST', '/api/v1/chat/ws-ticket')).resolves.toEqualTypeOf<components['schemas']['WsTicket']>();
      // @ts-expect-error: no GET on this path
      void client.request('GET', '/api/v1/chat/ws-ticket');
      // @ts-expect-error: the path's {id} is required
      void client.request('GET', '/api/v1/chat/rooms/{id}');
      // @ts-expect-error: the body must be UserChoice
      void client.request('POST', '/api/v1/chat/rooms/{id}/members', { params: { id: 'r' }, body: { user: 'u' } });
      // @ts-expect-error: the query has no such parameter
      void client.request('GET', '/api/v1/chat/rooms/{id}/messages', { params: { id: 'r' }, query: { since: 1 } });
    };
    expect(typesOnly).toBeTypeOf('function');
  });

  describe('send', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('posts the message with a fresh clientMsgId and answers it as stored', async () => {
      const { client, calls } = bot((call) => json(201, stored((call.body as { clientMsgId: string }).clientMsgId)));
      const message = await client.send('r1', { text: 'hi', replyToSeq: 3 });
      const body = calls[0].body as Record<string, unknown>;
      expect(body).toMatchObject({ text: 'hi', replyToSeq: 3 });
      expect(body.clientMsgId).toMatch(/^[0-9a-f-]{36}$/);
      expect(message.clientMsgId).toBe(body.clientMsgId);
      expect(calls[0].url).toBe('https://chat.example.com/api/v1/chat/rooms/r1/messages');
    });

    it('sends again with the same clientMsgId after a network error and a 503 with Retry-After', async () => {
      const { client, calls } = bot(networkError, problem(503, 'store-unavailable', { 'Retry-After': '5' }), (call) =>
        json(201, stored((call.body as { clientMsgId: string }).clientMsgId)),
      );
      const sending = client.send('r1', { text: 'hi', clientMsgId: 'c-1' });
      await vi.advanceTimersByTimeAsync(500); // the network error: again after 0.5 s
      expect(calls).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(4_900);
      expect(calls).toHaveLength(2); // Retry-After: 5 s
      await vi.advanceTimersByTimeAsync(100);
      expect((await sending).clientMsgId).toBe('c-1');
      expect(calls.map((c) => (c.body as { clientMsgId: string }).clientMsgId)).toEqual(['c-1', 'c-1', 'c-1']);
    });

    it('gives up after the retries, and never retries a refusal or a 503 without Retry-After', async () => {
      const { fetch, calls } = fakeFetch(networkError, networkError, networkError);
      const client = createBlauClient({ baseUrl: 'https://chat.example.com', auth: { bot: 's' }, fetch, retries: 2 });
      const failed = client.send('r1', { text: 'hi' }).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(await failed).toBeInstanceOf(TypeError);
      expect(calls).toHaveLength(3);

      const bearer = vi.fn(async (): Promise<string> => {
        throw new Error('signed out');
      });
      const signedOut = createBlauClient({ baseUrl: 'https://chat.example.com', auth: { bearer }, fetch });
      await expect(signedOut.send('r1', { text: 'hi' })).rejects.toThrow('signed out'); // not the network
      expect(bearer).toHaveBeenCalledTimes(1);

      for (const refusal of [problem(429, 'rate-limited', { 'Retry-After': '1' }), problem(503, 'unavailable'), problem(403, 'not-a-member')]) {
        const once = bot(refusal);
        await expect(once.client.send('r1', { text: 'hi' })).rejects.toBeInstanceOf(BlauApiError);
        expect(once.calls).toHaveLength(1);
      }
    });
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterSeconds('5')).toBe(5);
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('Thu, 01 Jan 2026 10:00:10 GMT', Date.parse('2026-01-01T10:00:00Z'))).toBe(10);
    expect(retryAfterSeconds('soon')).toBeUndefined();
  });
});
