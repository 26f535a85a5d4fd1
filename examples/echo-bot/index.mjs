// BLAU echo bot: in every room it was added to, answers "!echo <text>" with <text>.
//   BLAU_URL=https://chat.example.com BLAU_BOT_TOKEN=… node index.mjs
// Plain ESM JavaScript for Node 20+, on @blau/sdk's build (npm run build in sdk/) and `ws`
// (Node 20 has no global WebSocket).
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { connectRealtime, createBlauClient, newClientMsgId } from '@blau/sdk/dist/index.js';

export const PREFIX = '!echo ';

/**
 * Starts the bot; answers once its rooms are followed. `fetch` and `createSocket` are there for
 * tests; `log` is console-like.
 */
export async function startEchoBot({ baseUrl, token, createSocket = (url) => new WebSocket(url), fetch, log = console }) {
  const client = createBlauClient({ baseUrl, auth: { bot: token }, fetch });
  const followed = new Set();
  const { id: myId } = await client.me(); // a bad token fails here, before any socket

  const isOwn = (message) => message.senderId === myId;

  async function answer(message) {
    if (message.deleted || !message.text?.startsWith(PREFIX) || isOwn(message)) return;
    const text = message.text.slice(PREFIX.length);
    if (!text.trim()) return;
    try {
      // REST rather than the socket: retried with the same clientMsgId, stored once
      await client.send(message.roomId, { text, clientMsgId: newClientMsgId() });
    } catch (error) {
      log.error(`could not answer #${message.seq} in ${message.roomId}: ${error.message}`);
    }
  }

  function follow(room) {
    if (followed.has(room.id)) return;
    followed.add(room.id);
    // from its newest message on: what was said before the bot came is not answered
    realtime.follow(room.id, room.lastMessage?.seq);
    log.info(`following ${room.name ?? room.id}`);
  }

  function unfollow(roomId) {
    if (followed.delete(roomId)) realtime.unfollow(roomId);
  }

  const rooms = await client.rooms();
  const realtime = connectRealtime(
    client,
    {
      message: (message) => void answer(message),
      frame(frame) {
        if (frame.type === 'room_created') follow(frame.room);
        else if (frame.type === 'user_joined' && frame.user.id === myId) follow({ id: frame.roomId }); // added to a room
        else if (frame.type === 'room_deleted' || frame.type === 'banned') unfollow(frame.roomId);
        else if (frame.type === 'user_left' && frame.user.id === myId) unfollow(frame.roomId);
        else if (frame.type === 'error') log.warn(`server: ${frame.code} ${frame.message}`);
      },
      state: (state, recovered) => log.info(`connection ${state}${recovered ? ' (recovered)' : ''}`),
      sessionEnded(reason) {
        log.error(`the server ended the bot's session (${reason}): was it revoked?`);
        process.exitCode = 1;
      },
    },
    { createSocket },
  );
  for (const room of rooms) follow(room);
  return { client, realtime, stop: () => realtime.stop() };
}

async function main() {
  const baseUrl = process.env.BLAU_URL;
  const token = process.env.BLAU_BOT_TOKEN;
  if (!baseUrl || !token) {
    console.error('Set BLAU_URL (e.g. https://chat.example.com) and BLAU_BOT_TOKEN (from POST /api/v1/chat/admin/bots).');
    process.exit(2);
  }
  const bot = await startEchoBot({ baseUrl, token });
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => bot.stop());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(`echo bot: ${error.message}`);
    process.exitCode = 1;
  });
}
