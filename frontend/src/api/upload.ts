// Sending one file as multipart/form-data with XMLHttpRequest: fetch reports no upload progress.
import { ApiError, retryAfterSeconds, type Problem } from './http';

/**
 * A refusal of a file too large (`413`): the server says its limit in words, in its `detail`
 * ("A file is at most 26214400 bytes (25 MiB) here.") and in the error on the field `file`
 * ("must be at most 26214400 bytes"); a `maxBytes` member is read too when a server sends one.
 */
export interface TooLargeProblem extends Problem {
  maxBytes?: number;
}

const BYTES = /(\d+)\s*bytes/i;

/** The largest file the server takes, as a refusal of one says it; undefined when it does not. */
export function uploadLimitOf(problem: TooLargeProblem): number | undefined {
  if (typeof problem.maxBytes === 'number' && Number.isSafeInteger(problem.maxBytes) && problem.maxBytes > 0) return problem.maxBytes;
  const said = [problem.errors?.find((e) => e.field === 'file')?.message, problem.detail];
  for (const text of said) {
    const bytes = Number(typeof text === 'string' ? BYTES.exec(text)?.[1] : undefined);
    if (Number.isSafeInteger(bytes) && bytes > 0) return bytes;
  }
  return undefined;
}

/** The upload was cancelled by the user (abort()): not an error to show. */
export class UploadCancelled extends Error {
  constructor() {
    super('Upload cancelled');
    this.name = 'UploadCancelled';
  }
}

/** An upload on its way: `done` settles with the server's answer; abort() rejects it with UploadCancelled. */
export interface Upload<T> {
  done: Promise<T>;
  abort(): void;
}

/** What uploadFile needs of an XMLHttpRequest (tests hand in a stand-in). */
export type RequestLike = Pick<
  XMLHttpRequest,
  'open' | 'setRequestHeader' | 'send' | 'abort' | 'getResponseHeader' | 'status' | 'statusText' | 'responseText'
> & {
  upload: Pick<XMLHttpRequestUpload, 'onprogress'>;
  onload: XMLHttpRequest['onload'];
  onerror: XMLHttpRequest['onerror'];
  onabort: XMLHttpRequest['onabort'];
  ontimeout: XMLHttpRequest['ontimeout'];
};

export interface UploadOptions {
  token?: string;
  /** the share of the file sent so far, 0 to 1 */
  onProgress?: (fraction: number) => void;
  createRequest?: () => RequestLike;
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * POSTs the file as the form field `file`. A problem+json refusal rejects with an ApiError (a 413's
 * limit: uploadLimitOf), an unreachable server with an ApiError of status 0.
 */
export function uploadFile<T>(url: string, file: File, options: UploadOptions = {}): Upload<T> {
  const request = options.createRequest?.() ?? new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    request.open('POST', url);
    request.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (options.token) request.setRequestHeader('Authorization', `Bearer ${options.token}`);
    // the browser sets Content-Type itself, with the multipart boundary
    request.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) options.onProgress?.(Math.min(1, e.loaded / e.total));
    };
    request.onload = () => {
      const json = parse(request.responseText);
      if (request.status >= 200 && request.status < 300) {
        options.onProgress?.(1);
        resolve(json as T);
        return;
      }
      const problem: TooLargeProblem =
        json && typeof json === 'object' ? (json as TooLargeProblem) : { status: request.status, title: request.statusText };
      reject(new ApiError(request.status, problem, retryAfterSeconds(request.getResponseHeader('Retry-After'))));
    };
    request.onerror = () => reject(new ApiError(0, { title: 'Network error', detail: '' }));
    request.ontimeout = request.onerror;
    request.onabort = () => reject(new UploadCancelled());
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
  return { done, abort: () => request.abort() };
}
