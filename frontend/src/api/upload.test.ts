import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './http';
import { uploadFile, uploadLimitOf, UploadCancelled, type RequestLike } from './upload';

/** An XMLHttpRequest stand-in: records what was sent; the test answers, reports progress or fails it. */
class FakeRequest {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  statusText = '';
  responseText = '';
  responseHeaders: Record<string, string> = {};
  upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  ontimeout: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  getResponseHeader(name: string) {
    return this.responseHeaders[name] ?? null;
  }

  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }
  answer(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = body === undefined ? '' : JSON.stringify(body);
    this.responseHeaders = headers;
    this.onload?.();
  }
}

function start(file = new File(['hello'], 'notes.txt', { type: 'text/plain' })) {
  const request = new FakeRequest();
  const onProgress = vi.fn();
  const upload = uploadFile<{ id: string }>('/api/v1/chat/rooms/r1/files', file, {
    token: 'tok',
    onProgress,
    createRequest: () => request as unknown as RequestLike,
  });
  return { request, onProgress, upload, file };
}

describe('uploadFile', () => {
  it('posts the file as the form field "file" with the bearer token, reports progress and resolves with the answer', async () => {
    const { request, onProgress, upload, file } = start();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/v1/chat/rooms/r1/files');
    expect(request.headers.Authorization).toBe('Bearer tok');
    expect(request.headers['Content-Type']).toBeUndefined(); // the browser adds the multipart boundary
    expect(request.body).toBeInstanceOf(FormData);
    expect((request.body as FormData).get('file')).toMatchObject({ name: file.name, size: file.size });

    request.progress(2, 5);
    request.progress(5, 5);
    request.answer(201, { id: 'f1' });
    await expect(upload.done).resolves.toEqual({ id: 'f1' });
    expect(onProgress.mock.calls.map((c) => c[0])).toEqual([0.4, 1, 1]);
  });

  it('abort() cancels the request and rejects with UploadCancelled', async () => {
    const { request, upload } = start();
    const abort = vi.spyOn(request, 'abort');
    upload.abort();
    expect(abort).toHaveBeenCalledOnce();
    await expect(upload.done).rejects.toBeInstanceOf(UploadCancelled);
  });

  it('a 413 rejects with an ApiError whose problem says the limit', async () => {
    const { request, upload } = start();
    request.answer(413, {
      type: 'https://blau.dev/problems/file-too-large',
      title: 'Payload Too Large',
      status: 413,
      detail: 'A file is at most 26214400 bytes (25 MiB) here.',
      errors: [{ field: 'file', message: 'must be at most 26214400 bytes' }],
    });
    const error = await upload.done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(413);
    expect(uploadLimitOf((error as ApiError).problem)).toBe(26_214_400);
  });

  it('a rate limit carries Retry-After; an unreachable server is status 0', async () => {
    const limited = start();
    limited.request.answer(429, { title: 'Too many requests', status: 429 }, { 'Retry-After': '12' });
    await expect(limited.upload.done).rejects.toMatchObject({ status: 429, retryAfter: 12 });

    const offline = start();
    offline.request.onerror?.();
    await expect(offline.upload.done).rejects.toMatchObject({ status: 0 });
  });
});

describe('uploadLimitOf', () => {
  it('reads the limit from the field error, else the detail, else a maxBytes member', () => {
    expect(uploadLimitOf({ errors: [{ field: 'file', message: 'must be at most 1048576 bytes' }], detail: 'A file is at most 2097152 bytes (2 MiB) here.' })).toBe(1_048_576);
    expect(uploadLimitOf({ detail: 'A file is at most 26214400 bytes (25 MiB) here.' })).toBe(26_214_400);
    expect(uploadLimitOf({ errors: [{ field: 'name', message: 'must be at most 255 bytes' }], detail: 'A file is at most 5 bytes (0 MiB) here.' })).toBe(5);
    expect(uploadLimitOf({ maxBytes: 10_485_760 })).toBe(10_485_760);
  });

  it('is undefined when the refusal says no limit', () => {
    expect(uploadLimitOf({})).toBeUndefined();
    expect(uploadLimitOf({ title: 'Request Entity Too Large', detail: 'Too large.' })).toBeUndefined();
    expect(uploadLimitOf({ detail: 'A file is at most 0 bytes here.' })).toBeUndefined();
  });
});
