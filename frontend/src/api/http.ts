// A small fetch wrapper: JSON in and out, bearer token, problem+json errors as ApiError.
import { uploadFile, type Upload } from './upload';

import type { FieldError, Problem } from '@blau/sdk';

export type { FieldError, Problem };

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds the server asked to wait before trying again (`Retry-After`), when it said. */
  readonly retryAfter?: number;

  constructor(status: number, problem: Problem, retryAfter?: number) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** The problem's code: the last segment of its `type` (`…/not-the-owner` → `not-the-owner`). */
  get code(): string | undefined {
    return this.problem.type?.split('/').pop() || undefined;
  }

  /** The message for one field, if the server named it. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }
}

/** A `Retry-After` header in seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : NaN; // an HTTP date names its day and month
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The file name a `Content-Disposition` header gives: `filename*` (RFC 5987, UTF-8) before
 * `filename`; without any folder part. Undefined when there is none.
 */
export function contentDispositionFilename(header: string | null): string | undefined {
  if (!header) return undefined;
  let name: string | undefined;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      name = decodeURIComponent(extended[2].trim().replace(/^"(.*)"$/, '$1'));
    } catch {
      name = undefined;
    }
  }
  if (!name) {
    const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
    name = plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2].trim()) : undefined;
  }
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base || undefined;
}

export type TokenProvider = () => string | undefined;

export interface RequestOptions {
  method?: string;
  body?: unknown;
  auth?: boolean;
}

export class Http {
  constructor(
    private readonly token: TokenProvider = () => undefined,
    private readonly base = '',
  ) {}

  async request<T>(path: string, { method = 'GET', body, auth = true }: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const token = auth ? this.token() : undefined;
    if (token) headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, { title: 'Network error', detail: '' });
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let json: unknown = undefined;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
    }
    if (!response.ok) {
      const problem: Problem =
        json && typeof json === 'object' ? (json as Problem) : { status: response.status, title: response.statusText };
      throw new ApiError(response.status, problem, retryAfterSeconds(response.headers.get('Retry-After')));
    }
    return json as T;
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>(path);
  }

  /** A file's bytes, with the bearer token (so not loadable by an <img src> or a plain link). */
  async blob(path: string): Promise<Blob> {
    return (await this.fetchFile(path)).blob();
  }

  /**
   * A file to save, with the bearer token: its bytes and the name the server gave it
   * (`Content-Disposition`), when it gave one.
   */
  async download(path: string): Promise<{ blob: Blob; filename?: string }> {
    const response = await this.fetchFile(path);
    return { blob: await response.blob(), filename: contentDispositionFilename(response.headers.get('Content-Disposition')) };
  }

  private async fetchFile(path: string): Promise<Response> {
    const token = this.token();
    let response: Response;
    try {
      response = await fetch(this.base + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    } catch {
      throw new ApiError(0, { title: 'Network error', detail: '' });
    }
    if (!response.ok) {
      const problem = (await response.json().catch(() => undefined)) as Problem | undefined;
      throw new ApiError(
        response.status,
        problem ?? { status: response.status, title: response.statusText },
        retryAfterSeconds(response.headers.get('Retry-After')),
      );
    }
    return response;
  }

  /** A file sent as multipart/form-data (field `file`), with progress: see uploadFile. */
  upload<T>(path: string, file: File, onProgress?: (fraction: number) => void): Upload<T> {
    return uploadFile<T>(this.base + path, file, { token: this.token(), onProgress });
  }

  post<T>(path: string, body?: unknown, auth = true): Promise<T> {
    return this.request<T>(path, { method: 'POST', body: body ?? undefined, auth });
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>(path, { method: 'PUT', body });
  }

  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>(path, { method: 'PATCH', body });
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>(path, { method: 'DELETE' });
  }
}
