// Shapes of docs/api.md (the contract every client relies on). Those the realtime client and its
// frames speak are @blau/sdk's (sdk/src/types.ts), re-exported here.
import type { Message, Presence, Room, Visibility } from '@blau/sdk';

export type {
  FileInfo,
  Member,
  Message,
  MessagePage,
  NotificationLevel,
  Presence,
  Reaction,
  ReplyTo,
  Room,
  SessionEndReason,
  UserRef,
  Visibility,
  WsTicket,
} from '@blau/sdk';

export type ChosenStatus = Exclude<Presence, 'offline'>;

/** `GET /rooms/public`: one page, and the cursor of the next (null after the last). */
export interface PublicRoomsPage {
  rooms: Room[];
  next: string | null;
}

/** `PUT /rooms/{id}`: only the fields to change; `visibility` by the owner alone. */
export interface RoomChanges {
  name?: string;
  description?: string;
  visibility?: Exclude<Visibility, 'direct'>;
}

/** An active ban (`POST` / `GET /rooms/{id}/bans`); without `until` it is permanent. */
export interface Ban {
  roomId: string;
  userId: string;
  username: string;
  displayName?: string;
  reason?: string;
  until?: string;
  /** who banned */
  by: string;
  at: string;
}

/** An active mute (`POST` / `GET /rooms/{id}/mutes`): the user reads but cannot write until `until`. */
export interface Mute {
  roomId: string;
  userId: string;
  username: string;
  displayName?: string;
  until: string;
  by: string;
  at: string;
}

/** How long messages are kept, in days (1–3650); null (or absent): kept for good. */
export type RetentionDays = number | null;

/** `GET` / `PUT /chat/admin/retention`: every room's retention. */
export interface RetentionSetting {
  days?: RetentionDays;
}

/** `GET` / `PUT /chat/rooms/{id}/retention`: the room's own, every room's, and the one that applies (the shorter). */
export interface RoomRetention {
  days?: RetentionDays;
  globalDays?: RetentionDays;
  effectiveDays?: RetentionDays;
}

/** `POST /chat/admin/retention/sweep`: what one sweep expired (messages become tombstones). */
export interface RetentionSweep {
  rooms: number;
  messages: number;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  refreshExpiresIn?: number;
  tokenType?: string;
}

export interface Profile {
  id: string;
  username: string;
  email?: string;
  displayName?: string;
  locale?: string;
  statusMessage?: string;
}

export type SearchSort = 'newest' | 'relevance';

/** `GET /chat/search`: `q` words, "exact phrases", `from:@username`, `in:#room-name`. */
export interface SearchParams {
  q: string;
  /** only this room */
  roomId?: string;
  /** 1–50 (the server's default: 20) */
  limit?: number;
  sort?: SearchSort;
  /** the previous page's `nextCursor` */
  cursor?: string;
}

/** One message found: `highlights` are sorted, non-overlapping half-open [start, end) UTF-16 offsets into `message.text`. */
export interface SearchResult {
  message: Message;
  roomName: string;
  highlights: Array<[number, number]>;
}

/** A page of search results, and the cursor of the next (null after the last). */
export interface SearchPage {
  results: SearchResult[];
  nextCursor: string | null;
}

// Administration (realm role `admin`; everyone else is refused with 403).

/** Realm roles the administration shows; only `moderator` is granted and revoked here. */
export type RealmRole = 'admin' | 'moderator' | 'mfa-required';

/** `GET /admin/users`: an account as administrators see it. */
export interface AdminUser {
  id: string;
  username: string;
  email?: string;
  enabled: boolean;
  createdAt?: string;
  roles: RealmRole[];
}

/** A page of accounts; fewer than asked for means the last page (offset paging with `first`). */
export interface AdminUsersPage {
  users: AdminUser[];
}

/** `GET /chat/admin/rooms`: any public or private room. */
export interface AdminRoom {
  id: string;
  name: string;
  description?: string;
  visibility: 'public' | 'private';
  ownerId: string;
  createdAt: string;
  memberCount: number;
  lastMessage?: Message;
}

/** A page of rooms, and the cursor of the next (null after the last). */
export interface AdminRoomsPage {
  rooms: AdminRoom[];
  next: string | null;
}

export type UsageBucket = 'day' | 'week' | 'month';

/** One bucket of the usage report, starting on `start` (YYYY-MM-DD). */
export interface UsageRow {
  start: string;
  messages: number;
  activeUsers: number;
  newUsers: number;
  roomsCreated: number;
  activeRooms: number;
}

/** `GET /chat/admin/reports/usage`: every bucket of [from, to), zeros included. */
export interface UsageReport {
  bucket: UsageBucket;
  from: string;
  to: string;
  rows: UsageRow[];
}

/** What the audit log is filtered by; `from` and `to` are ISO-8601 instants. */
export interface AuditFilter {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** One record of the audit log, chained to the one before it by `prevHash`. */
export interface AuditRecord {
  id: string;
  at: string;
  actorId: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** A page of the audit log, newest first, and the cursor of the next (absent after the last). */
export interface AuditPage {
  records: AuditRecord[];
  nextCursor?: string | null;
}

/** `GET /admin/audit/verify`: whether every record's hash still follows from the ones before it. */
export type AuditVerification =
  | { valid: true; records: number }
  | { valid: false; records: number; firstBroken: string | number; reason: string };

// Data protection: a user's copy of their data, and the erasure of their account.

export type DataRequestKind = 'export' | 'erasure';

/** An export: pending → ready (downloadable until `expiresAt`) → expired, or failed; an erasure: pending → done. */
export type DataRequestState = 'pending' | 'ready' | 'failed' | 'expired' | 'done';

/** An export of a user's data or the erasure of their account, as the user or an administrator asked for it. */
export interface DataRequest {
  id: string;
  kind: DataRequestKind;
  state: DataRequestState;
  userId: string;
  requestedAt: string;
  readyAt?: string;
  /** a ready export: until when its archive can be downloaded */
  expiresAt?: string;
  /** a ready export: the archive's size in bytes */
  size?: number;
  /** a ready export: the archive's path (`/api/v1/chat/exports/{id}/archive`), fetched with the bearer token */
  download?: string;
}

/** `GET /auth/profile/exports`: the caller's exports, newest first (at most 20). */
export interface DataExportList {
  exports: DataRequest[];
}

/** `GET /admin/users/{id}/data-requests`: a user's exports and erasures, newest first. */
export interface DataRequestList {
  requests: DataRequest[];
}
