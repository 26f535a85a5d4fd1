// The SDK against a real BLAU: a person signs up, and through the SDK creates a room, follows
// it live, sends, reads the history and meets a problem+json error.
import WebSocket from 'ws';
import { describe, expect, it, vi } from 'vitest';
import { BlauApiError, connectRealtime, createBlauClient, type Message, type WebSocketLike } from '../src/index.js';

const baseUrl = process.env.BLAU_URL ?? 'http://localhost:9080';

async function signUp(): Promise<string> {
  const username = `sdk${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const password = 'Sdk-test-password-1';
  const json = { 'Content-Type': 'application/json' };
  const registered = await fetch(`${baseUrl}/api/v1/auth/register`, {
    method: 'POST', headers: json, body: JSON.stringify({ username, email: `${username}@example.com`, password }),
  });
  expect(registered.status).toBe(201);
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST', headers: json, body: JSON.stringify({ username, password }),
  });
  expect(login.status).toBe(200);
  return ((await login.json()) as { accessToken: string }).accessToken;
}

describe('the SDK against the local stack', () => {
  it('creates a room, hears its own message live, reads it back and reports errors as problems', async () => {
    const token = await signUp();
    const client = createBlauClient({ baseUrl, auth: { bearer: async () => token } });
    // a user who just registered is known to the chat servers once auth-app's event reached them
    const room = await vi.waitFor(
      () => client.request('POST', '/api/v1/chat/rooms', { body: { name: 'sdk room', visibility: 'private' } }),
      { timeout: 30_000, interval: 200 },
    ) as { id: string };
    expect((await client.rooms()).map((r) => r.id)).toEqual([room.id]);

    const heard: Message[] = [];
    const joined: string[] = [];
    const live = connectRealtime(client, {
      message: (m) => heard.push(m),
      frame: (f) => { if (f.type === 'joined') joined.push(f.roomId); },
    }, {
      createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    });
    try {
      live.follow(room.id);
      await vi.waitFor(() => expect(joined).toContain(room.id), { timeout: 15_000 });
      const sent = await client.send(room.id, { text: 'hello from the SDK' });
      expect(sent.seq).toBe(1);
      expect(await client.send(room.id, { text: 'hello from the SDK', clientMsgId: sent.clientMsgId })).toEqual(sent);
      await vi.waitFor(() => expect(heard.map((m) => m.text)).toEqual(['hello from the SDK']), { timeout: 15_000 });

      const page = await client.history(room.id, { after: 0 });
      expect(page.messages.map((m) => m.seq)).toEqual([1]);
    } finally {
      live.stop();
    }

    const missing = await client.room('no-such-room').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(BlauApiError);
    expect((missing as BlauApiError).status).toBe(404);
    expect((missing as BlauApiError).problem.type).toMatch(/room-not-found$/);
  });
});
