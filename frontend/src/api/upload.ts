// Sending one file as multipart/form-data with XMLHttpRequest: fetch reports no upload progress.
import { ApiError, retryAfterSeconds, type Problem } from './http';

/** A refusal of a file too large: the server says its limit. */
export interface TooLargeProblem extends Problem {
  maxBytes?: number;
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
 * POSTs the file as the form field `file`. A problem+json refusal rejects with an ApiError (413's
 * problem carries `maxBytes`), an unreachable server with an ApiError of status 0.
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
