import type { Http } from './http';
import type { Upload } from './upload';
import type {
  Ban,
  FileInfo,
  Message,
  MessagePage,
  Mute,
  NotificationLevel,
  PublicRoomsPage,
  RetentionDays,
  Room,
  RoomChanges,
  RoomRetention,
  SearchPage,
  SearchParams,
  UserRef,
  Visibility,
  WsTicket,
} from './types';

const chat = '/api/v1/chat';
const room = (id: string) => `${chat}/rooms/${encodeURIComponent(id)}`;
const user = (id: string) => encodeURIComponent(id);

/** The chat-app REST calls the app uses. */
export class ChatApi {
  constructor(private readonly http: Http) {}

  rooms(): Promise<Room[]> {
    return this.http.get<Room[] | { rooms: Room[] }>(`${chat}/rooms`).then((r) => (Array.isArray(r) ? r : r.rooms));
  }

  /** A page of public rooms in name order; `query`: part of the name; `after`: the previous page's `next`. */
  publicRooms(query: string, after?: string, limit = 50): Promise<PublicRoomsPage> {
    const q = new URLSearchParams({ limit: String(limit) });
    if (query.trim()) q.set('q', query.trim());
    if (after) q.set('after', after);
    return this.http.get<PublicRoomsPage>(`${chat}/rooms/public?${q}`);
  }

  room(id: string): Promise<Room> {
    return this.http.get<Room>(room(id));
  }

  createRoom(name: string, visibility: Exclude<Visibility, 'direct'>, description?: string): Promise<Room> {
    return this.http.post<Room>(`${chat}/rooms`, { name, visibility, description: description || undefined });
  }

  join(id: string): Promise<Room> {
    return this.http.put<Room>(`${room(id)}/members/me`);
  }

  leave(id: string): Promise<void> {
    return this.http.delete<void>(`${room(id)}/members/me`);
  }

  /** Owner or moderator: name, description; visibility the owner only (`403 not-the-owner`). */
  updateRoom(id: string, changes: RoomChanges): Promise<Room> {
    return this.http.put<Room>(room(id), changes);
  }

  /** How long the room's messages are kept (members): its own, every room's, and the shorter that applies. */
  roomRetention(id: string): Promise<RoomRetention> {
    return this.http.get<RoomRetention>(`${room(id)}/retention`);
  }

  /** The owner sets the room's own retention: 1–3650 days, or null to follow every room's (others `403 not-the-owner`). */
  setRoomRetention(id: string, days: RetentionDays): Promise<RoomRetention> {
    return this.http.put<RoomRetention>(`${room(id)}/retention`, { days });
  }

  /** Removes a member without a ban: they may come back. */
  removeMember(id: string, userId: string): Promise<void> {
    return this.http.delete<void>(`${room(id)}/members/${user(userId)}`);
  }

  /** Bans and removes a member; without `until` (ISO-8601) the ban is permanent. */
  ban(id: string, userId: string, reason?: string, until?: string): Promise<Ban> {
    return this.http.post<Ban>(`${room(id)}/bans`, { userId, reason: reason || undefined, until });
  }

  bans(id: string): Promise<Ban[]> {
    return this.http.get<Ban[]>(`${room(id)}/bans`);
  }

  unban(id: string, userId: string): Promise<void> {
    return this.http.delete<void>(`${room(id)}/bans/${user(userId)}`);
  }

  /** The member reads but cannot write until `until` (ISO-8601). */
  mute(id: string, userId: string, until: string): Promise<Mute> {
    return this.http.post<Mute>(`${room(id)}/mutes`, { userId, until });
  }

  mutes(id: string): Promise<Mute[]> {
    return this.http.get<Mute[]>(`${room(id)}/mutes`);
  }

  unmute(id: string, userId: string): Promise<void> {
    return this.http.delete<void>(`${room(id)}/mutes/${user(userId)}`);
  }

  direct(userId: string): Promise<Room> {
    return this.http.post<Room>(`${chat}/direct`, { userId });
  }

  before(id: string, before?: number, limit = 50): Promise<MessagePage> {
    const q = new URLSearchParams({ limit: String(limit) });
    if (before !== undefined) q.set('before', String(before));
    return this.http.get<MessagePage>(`${room(id)}/messages?${q}`);
  }

  after(id: string, after: number, limit = 100): Promise<MessagePage> {
    return this.http.get<MessagePage>(`${room(id)}/messages?after=${after}&limit=${limit}`);
  }

  /** `attachments`: ids of the caller's own uploads to the room not sent yet (text may then be empty). */
  send(id: string, text: string, clientMsgId: string, replyToSeq?: number, attachments?: string[]): Promise<Message> {
    return this.http.post<Message>(`${room(id)}/messages`, {
      text,
      clientMsgId,
      replyToSeq,
      attachments: attachments?.length ? attachments : undefined,
    });
  }

  /** A file for a message to come; unsent uploads expire on the server. */
  upload(id: string, file: File, onProgress?: (fraction: number) => void): Upload<FileInfo> {
    return this.http.upload<FileInfo>(`${room(id)}/files`, file, onProgress);
  }

  /** A file or thumbnail (a FileInfo's url or thumbnailUrl). */
  file(url: string): Promise<Blob> {
    return this.http.blob(url);
  }

  edit(id: string, seq: number, text: string): Promise<Message> {
    return this.http.patch<Message>(`${room(id)}/messages/${seq}`, { text });
  }

  remove(id: string, seq: number): Promise<void> {
    return this.http.delete<void>(`${room(id)}/messages/${seq}`);
  }

  react(id: string, seq: number, emoji: string, on: boolean): Promise<Message> {
    const path = `${room(id)}/messages/${seq}/reactions/${encodeURIComponent(emoji)}`;
    return on ? this.http.put<Message>(path) : this.http.delete<Message>(path);
  }

  pin(id: string, seq: number, on: boolean): Promise<Message> {
    return on ? this.http.put<Message>(`${room(id)}/pins/${seq}`) : this.http.delete<Message>(`${room(id)}/pins/${seq}`);
  }

  pins(id: string): Promise<Message[]> {
    return this.http.get<Message[]>(`${room(id)}/pins`);
  }

  replies(id: string, rootSeq: number, after = 0, limit = 100): Promise<MessagePage> {
    return this.http.get<MessagePage>(`${room(id)}/messages/${rootSeq}/replies?after=${after}&limit=${limit}`);
  }

  notifications(id: string, level: NotificationLevel): Promise<Room> {
    return this.http.put<Room>(`${room(id)}/notifications`, { level });
  }

  markRead(id: string, seq: number): Promise<void> {
    return this.http.put<void>(`${room(id)}/read`, { seq });
  }

  ticket(): Promise<WsTicket> {
    return this.http.post(`${chat}/ws-ticket`);
  }

  /** Messages of the caller's rooms (or of one readable room) matching a query; 400 with a `detail` for a bad query. */
  searchMessages({ q, roomId, limit, sort, cursor }: SearchParams): Promise<SearchPage> {
    const query = new URLSearchParams({ q });
    if (roomId) query.set('roomId', roomId);
    if (limit !== undefined) query.set('limit', String(limit));
    if (sort) query.set('sort', sort);
    if (cursor) query.set('cursor', cursor);
    return this.http.get<SearchPage>(`${chat}/search?${query}`);
  }

  users(query: string): Promise<UserRef[]> {
    return this.http
      .get<UserRef[] | { users: UserRef[] }>(`/api/v1/users?query=${encodeURIComponent(query)}`)
      .then((r) => (Array.isArray(r) ? r : r.users));
  }
}
