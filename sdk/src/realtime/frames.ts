import type { Message, Presence, Room, UserRef } from '../types.js';

export type ClientFrame =
  | { type: 'join_room'; roomId: string; lastSeq?: number; sinceVersion?: number }
  | { type: 'leave_room'; roomId: string }
  /** text may be empty when attachments (ids of the sender's own uploads to the room, at most 10) are given */
  | { type: 'send_message'; roomId: string; clientMsgId: string; text: string; replyToSeq?: number; attachments?: string[] }
  | { type: 'edit_message'; roomId: string; seq: number; text: string; ref?: string }
  | { type: 'delete_message'; roomId: string; seq: number; ref?: string }
  | { type: 'react'; roomId: string; seq: number; emoji: string; on: boolean; ref?: string }
  | { type: 'typing'; roomId: string; typing: boolean }
  | { type: 'mark_read'; roomId: string; seq: number }
  | { type: 'set_status'; status: Exclude<Presence, 'offline'> }
  | { type: 'ping' }
  /** renews the socket's authorization with a fresh access token of the same user */
  | { type: 'auth'; token: string };

export type ServerFrame =
  | { type: 'ack'; clientMsgId: string; message: Message }
  | { type: 'message_received'; message: Message }
  /** a message changed (edit, deletion, reaction, pin, reply count): its whole current state */
  | { type: 'message_updated'; message: Message }
  | { type: 'user_joined' | 'user_left'; roomId: string; user: UserRef }
  | { type: 'typing'; roomId: string; user: UserRef; typing: boolean }
  | { type: 'presence'; user: UserRef; status: Presence }
  | { type: 'room_created' | 'room_updated'; room: Room }
  | { type: 'room_deleted'; roomId: string }
  | { type: 'joined'; roomId: string; lastSeq: number; version?: number }
  | { type: 'left'; roomId: string }
  | { type: 'pong' }
  /** the renewal was accepted: the socket is authorized until expiresAt (ISO-8601, the new token's exp) */
  | { type: 'auth_ok'; expiresAt: string }
  | { type: 'error'; code: string; message: string; ref?: string }
  /** to the muted user's own sockets: they cannot write in the room until `until` (ISO-8601) */
  | { type: 'muted'; roomId: string; until: string }
  | { type: 'unmuted'; roomId: string }
  /** to the banned user's own sockets, before the `user_left` that ends their membership; no `until`: permanent */
  | { type: 'banned'; roomId: string; reason?: string; until?: string }
  /** several frames, in the order they were sent (only to sockets opened with batch=1) */
  | { type: 'batch'; frames: ServerFrame[] };
