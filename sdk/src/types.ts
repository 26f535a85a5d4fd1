// Shapes of docs/api.md (the contract every client relies on) that the realtime client and its
// frames speak. Stricter than the generated OpenAPI types (src/generated/openapi.ts), whose
// schemas mark no field as required; the web client's src/api/types.ts re-exports these.

export type Visibility = 'public' | 'private' | 'direct';
export type NotificationLevel = 'all' | 'mentions' | 'none';
export type Presence = 'online' | 'away' | 'busy' | 'offline';

export interface UserRef {
  id: string;
  username: string;
  displayName?: string;
}

/** `GET /api/v1/chat/me`: the caller as the chat knows them. */
export interface Me extends UserRef {
  bot: boolean;
}

export interface Member extends UserRef {
  role?: 'owner' | 'moderator' | 'member';
  status?: Presence;
}

export interface Reaction {
  emoji: string;
  count: number;
  /** in REST answers only: whether the caller reacted; live frames carry userIds instead */
  me?: boolean;
  userIds: string[];
}

export interface ReplyTo {
  seq: number;
  senderName?: string;
  excerpt: string;
}

/** A file uploaded to a room (`POST /rooms/{id}/files`), and as a message's attachment. */
export interface FileInfo {
  id: string;
  name: string;
  /** detected by the server from the bytes */
  contentType: string;
  size: number;
  /** images only, in pixels */
  width?: number;
  height?: number;
  /** `/api/v1/chat/files/{id}`: needs the bearer token like every call */
  url: string;
  /** images the server made a thumbnail of */
  thumbnailUrl?: string;
}

export interface Message {
  id: string;
  roomId: string;
  seq: number;
  senderId: string;
  senderName?: string;
  text: string;
  clientMsgId?: string;
  createdAt: string;
  editedAt?: string;
  deleted?: boolean;
  replyTo?: ReplyTo;
  replyCount?: number;
  reactions?: Reaction[];
  mentions?: string[];
  mentionsRoom?: boolean;
  pinned?: boolean;
  /** the room's change number when the message last changed (0: never) */
  version?: number;
  /** files sent with the message (a deleted message has none) */
  attachments?: FileInfo[];
}

export interface Room {
  id: string;
  name: string;
  description?: string;
  visibility: Visibility;
  ownerId?: string;
  createdAt?: string;
  joined?: boolean;
  role?: string;
  memberCount?: number;
  onlineCount?: number;
  unread?: number;
  /** of the unread messages, those that name the caller (@username, @room) */
  mentionUnread?: number;
  lastReadSeq?: number;
  /** what the caller is notified of in this room, on all their devices */
  notifications?: NotificationLevel;
  lastMessage?: Message;
  members?: Member[];
  /** the caller's own: muted in the room until then (ISO-8601 instant) */
  mutedUntil?: string;
}

/**
 * POST /ws-ticket: the ticket, and until when the socket it opens is authorized (the exp of the
 * token that bought it). A bot's ticket has no authExpiresAt: its socket lasts until it is revoked.
 */
export interface WsTicket {
  ticket: string;
  expiresIn: number;
  authExpiresAt?: string;
}

/**
 * Why a signed-in session ended without the user simply signing out: the server ended it (close
 * 1008 "session ended" / "user disabled"), or the user asked for their account to be erased.
 */
export type SessionEndReason = 'session-ended' | 'user-disabled' | 'account-erased';

export interface MessagePage {
  messages: Message[];
  hasMore: boolean;
}

/** One field the server refused, in a problem's `errors`. */
export interface FieldError {
  field: string;
  message: string;
}

/** Every error answer: `application/problem+json` (RFC 9457). */
export interface Problem {
  /** the kind of problem; its last segment is the code (`…/not-a-member` → `not-a-member`) */
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** present only for field errors */
  errors?: FieldError[];
  /** extension members (e.g. `ssoUrl`) */
  [extension: string]: unknown;
}
