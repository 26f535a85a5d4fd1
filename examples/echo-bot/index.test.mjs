// A smoke test without a server: the bot against a fake REST API (fetch) and a fake socket.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PREFIX, startEchoBot } from './index.mjs';

class FakeSocket {
  readyState = 0;
  sent = [];
  onopen = null;
  onmessage = null;
  onclose = null;
  onerror = null;
  constructor(url) {
    this.url = url;
  }
  send(data) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

const message = (seq, text, senderId = 'u2', clientMsgId = undefined) => ({
  id: `m${seq}`,
  roomId: 'r1',
  seq,
  senderId,
  text,
  clientMsgId,
  createdAt: new Date().toISOString(),
});

// lets the bot's pending promises (the fake fetch's answers) run; no time passes
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('answers !echo in its rooms, follows rooms it is added to, never answers itself', async () => {
  const posts = [];
  let seq = 10;
  const fetch = async (url, init) => {
    assert.equal(init.headers.Authorization, 'Bot tok');
    const answer = (body) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    if (url.endsWith('/api/v1/chat/me')) return answer({ id: 'bot-1', username: 'echo', displayName: 'Echo', bot: true });
    if (url.endsWith('/api/v1/chat/rooms')) return answer([{ id: 'r1', name: 'general', visibility: 'public', lastMessage: message(5, 'hi') }]);
    if (url.endsWith('/api/v1/chat/ws-ticket')) return answer({ ticket: 't1', expiresIn: 30 });
    if (url.endsWith('/api/v1/chat/rooms/r1/messages') && init.method === 'POST') {
      const body = JSON.parse(init.body);
      posts.push(body);
      return answer(message(++seq, body.text, 'bot-1', body.clientMsgId));
    }
    throw new Error(`unexpected ${init.method} ${url}`);
  };
  const sockets = [];
  const silent = { info() {}, warn() {}, error() {} };
  const bot = await startEchoBot({
    baseUrl: 'https://chat.example.com',
    token: 'tok',
    fetch,
    createSocket: (url) => sockets[sockets.push(new FakeSocket(url)) - 1],
    log: silent,
  });
  await settle();
  const socket = sockets[0];
  assert.equal(socket.url, 'wss://chat.example.com/api/v1/chat/ws?ticket=t1&batch=1');
  socket.open();
  assert.deepEqual(socket.sent, [{ type: 'join_room', roomId: 'r1', lastSeq: 5 }]);

  socket.receive({ type: 'message_received', message: message(6, `${PREFIX}hello there`) });
  await settle();
  assert.deepEqual(posts.map((p) => p.text), ['hello there']);

  // its own answer comes back on the socket, as does one that starts with the prefix again
  socket.receive({ type: 'message_received', message: message(7, 'hello there', 'bot-1', posts[0].clientMsgId) });
  socket.receive({ type: 'message_received', message: message(8, `${PREFIX}${PREFIX}twice`) });
  await settle();
  socket.receive({ type: 'message_received', message: message(9, `${PREFIX}twice`, 'bot-1', posts[1].clientMsgId) });
  socket.receive({ type: 'message_received', message: message(10, 'no command') });
  await settle();
  assert.deepEqual(posts.map((p) => p.text), ['hello there', `${PREFIX}twice`]);

  socket.receive({ type: 'room_created', room: { id: 'r2', name: 'new', visibility: 'private' } });
  assert.deepEqual(socket.sent.at(-1), { type: 'join_room', roomId: 'r2' });
  socket.receive({ type: 'user_joined', roomId: 'r3', user: { id: 'bot-1', username: 'echo', displayName: 'Echo' } });
  assert.deepEqual(socket.sent.at(-1), { type: 'join_room', roomId: 'r3' }, 'a room someone added the bot to');
  socket.receive({ type: 'user_joined', roomId: 'r4', user: { id: 'u2', username: 'ana', displayName: 'Ana' } });
  assert.deepEqual(socket.sent.at(-1), { type: 'join_room', roomId: 'r3' }, 'somebody else joining is no news');
  bot.stop();
});
