import type { Http } from './http';
import { downloadArchive } from './privacyApi';
import type {
  AdminRoomsPage,
  AdminUsersPage,
  AuditFilter,
  AuditPage,
  AuditVerification,
  DataRequest,
  DataRequestList,
  RetentionDays,
  RetentionSetting,
  RetentionSweep,
  UsageBucket,
  UsageReport,
} from './types';

const users = '/api/v1/admin/users';
const audit = '/api/v1/admin/audit';
const chatAdmin = '/api/v1/chat/admin';
const user = (id: string) => `${users}/${encodeURIComponent(id)}`;

/** A query string of the parameters that have a value (blank text is left out). */
function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const text = String(value).trim();
    if (text) q.set(name, text);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const auditQuery = ({ actor, action, from, to }: AuditFilter) => ({ actor, action, from, to });

/** The administrators' calls (realm role `admin`): accounts (auth-app) and their data, rooms, retention, usage and the audit log. */
export class AdminApi {
  constructor(private readonly http: Http) {}

  /** A page of accounts matching `q` (username or email), from the `first`-th; max ≤ 50. */
  users(q: string, first = 0, max = 20): Promise<AdminUsersPage> {
    return this.http.get<AdminUsersPage>(`${users}${query({ q, first, max })}`);
  }

  /** Ends every session and socket of the account; `409 cannot-disable-self` for oneself. */
  disableUser(id: string): Promise<void> {
    return this.http.post<void>(`${user(id)}/disable`);
  }

  enableUser(id: string): Promise<void> {
    return this.http.post<void>(`${user(id)}/enable`);
  }

  /** Grants or revokes the realm role `moderator` (any other role: `403 role-not-grantable`). */
  setModerator(id: string, on: boolean): Promise<void> {
    const path = `${user(id)}/roles/moderator`;
    return on ? this.http.put<void>(path) : this.http.delete<void>(path);
  }

  /** Asks for an export of the user's data (`202`, as for themselves; `429 too-many-exports` too). */
  exportUser(id: string): Promise<DataRequest> {
    return this.http.post<DataRequest>(`${user(id)}/export`);
  }

  /** Erases the account (`202`, an erasure request); `409 cannot-erase-self` for oneself. */
  eraseUser(id: string): Promise<DataRequest> {
    return this.http.delete<DataRequest>(user(id));
  }

  /** The user's exports and erasures, newest first. */
  dataRequests(id: string): Promise<DataRequest[]> {
    return this.http.get<DataRequestList>(`${user(id)}/data-requests`).then((r) => r.requests ?? []);
  }

  /** A ready export's archive, through the same address the user downloads it from. */
  downloadExport(request: DataRequest): Promise<{ blob: Blob; filename: string }> {
    return downloadArchive(this.http, request);
  }

  /** A page of every room (public and private) in name order; `after`: the previous page's `next`. */
  rooms(q: string, after?: string, limit = 50): Promise<AdminRoomsPage> {
    return this.http.get<AdminRoomsPage>(`${chatAdmin}/rooms${query({ q, after, limit })}`);
  }

  /** Deletes a room with every message and file in it. */
  deleteRoom(id: string): Promise<void> {
    return this.http.delete<void>(`/api/v1/chat/rooms/${encodeURIComponent(id)}`);
  }

  /** Every room's retention: `days`, null or absent when messages are kept for good. */
  retention(): Promise<RetentionSetting> {
    return this.http.get<RetentionSetting>(`${chatAdmin}/retention`);
  }

  /** Sets every room's retention: 1–3650 days, or null for good (else `400` with the field `days`). */
  setRetention(days: RetentionDays): Promise<RetentionSetting> {
    return this.http.put<RetentionSetting>(`${chatAdmin}/retention`, { days });
  }

  /** Runs one sweep now: what it expired (one bounded batch; the servers' own sweeps go on). */
  sweepRetention(): Promise<RetentionSweep> {
    return this.http.post<RetentionSweep>(`${chatAdmin}/retention/sweep`);
  }

  /** Usage per bucket over [from, to) (YYYY-MM-DD); `400` for a bad range. */
  usage(from: string, to: string, bucket: UsageBucket): Promise<UsageReport> {
    return this.http.get<UsageReport>(`${chatAdmin}/reports/usage${query({ from, to, bucket })}`);
  }

  /** A page of the audit log, newest first; `cursor`: the previous page's `nextCursor`. */
  audit(filter: AuditFilter, cursor?: string, limit = 50): Promise<AuditPage> {
    return this.http.get<AuditPage>(`${audit}${query({ ...auditQuery(filter), cursor, limit })}`);
  }

  /** The whole filtered audit log as CSV, fetched with the token (a plain link would go without it). */
  auditCsv(filter: AuditFilter): Promise<Blob> {
    return this.http.blob(`${audit}.csv${query(auditQuery(filter))}`);
  }

  /** Checks the audit log's hash chain from its first record. */
  verifyAudit(): Promise<AuditVerification> {
    return this.http.get<AuditVerification>(`${audit}/verify`);
  }
}
