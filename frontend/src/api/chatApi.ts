import type { Http } from './http';
import type { Message, MessagePage, Room, UserRef, Visibility, WsTicket } from './types';

const chat = '/api/v1/chat';
const room = (id: string) => `${chat}/rooms/${encodeURIComponent(id)}`;

/** The chat-app REST calls the app uses. */
export class ChatApi {
  constructor(private readonly http: Http) {}

  rooms(): Promise<Room[]> {
    return this.http.get<Room[] | { rooms: Room[] }>(`${chat}/rooms`).then((r) => (Array.isArray(r) ? r : r.rooms));
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

  send(id: string, text: string, clientMsgId: string): Promise<Message> {
    return this.http.post<Message>(`${room(id)}/messages`, { text, clientMsgId });
  }

  markRead(id: string, seq: number): Promise<void> {
    return this.http.put<void>(`${room(id)}/read`, { seq });
  }

  ticket(): Promise<WsTicket> {
    return this.http.post(`${chat}/ws-ticket`);
  }

  users(query: string): Promise<UserRef[]> {
    return this.http
      .get<UserRef[] | { users: UserRef[] }>(`/api/v1/users?query=${encodeURIComponent(query)}`)
      .then((r) => (Array.isArray(r) ? r : r.users));
  }
}
