import type { Http } from './http';
import type { DataExportList, DataRequest } from './types';

const profile = '/api/v1/auth/profile';

/** The name a downloaded export gets when the server does not name it. */
export const EXPORT_FALLBACK_NAME = 'blau-export.zip';

/**
 * Where a ready export's archive is fetched from: the path the server gave, when it is one of
 * this site's (the bearer token goes with it, so never to another origin), else the usual one.
 */
export function archivePath(request: DataRequest): string {
  const given = request.download;
  if (given && given.startsWith('/') && !given.startsWith('//') && !given.includes('\\')) return given;
  return `/api/v1/chat/exports/${encodeURIComponent(request.id)}/archive`;
}

/** A ready export's archive, fetched with the token, and the name to save it under. */
export async function downloadArchive(http: Http, request: DataRequest): Promise<{ blob: Blob; filename: string }> {
  const { blob, filename } = await http.download(archivePath(request));
  return { blob, filename: filename || EXPORT_FALLBACK_NAME };
}

/**
 * The signed-in user's own data: a copy of it (an export, a ZIP of JSON ready a moment later)
 * and the erasure of their account.
 */
export class PrivacyApi {
  constructor(private readonly http: Http) {}

  /**
   * Asks for an export (`202`, pending); one already pending comes back instead of a new one.
   * Too many lately: `429 too-many-exports`, the ApiError's `retryAfter` saying for how long.
   */
  requestExport(): Promise<DataRequest> {
    return this.http.post<DataRequest>(`${profile}/export`);
  }

  /** The caller's recent exports, newest first (at most 20). */
  exports(): Promise<DataRequest[]> {
    return this.http.get<DataExportList>(`${profile}/exports`).then((r) => r.exports ?? []);
  }

  /** One of the caller's exports, as it is now. */
  export(id: string): Promise<DataRequest> {
    return this.http.get<DataRequest>(`${profile}/exports/${encodeURIComponent(id)}`);
  }

  /** A ready export's archive (`410 export-expired`, `409 export-not-ready`). */
  download(request: DataRequest): Promise<{ blob: Blob; filename: string }> {
    return downloadArchive(this.http, request);
  }

  /**
   * Asks for the caller's account to be erased (`202`, an erasure request). `403
   * recent-sign-in-required` when their last sign-in is more than a few minutes old.
   */
  eraseAccount(): Promise<DataRequest> {
    return this.http.delete<DataRequest>(profile);
  }
}
