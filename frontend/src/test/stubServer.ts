// A mocked fetch for component tests: answers queued per "METHOD /path", recorded in order.
import { vi } from 'vitest';

export type Answer = Response | (() => Response);

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

export function problem(status: number, code: string, detail?: string, headers: Record<string, string> = {}): Response {
  return json(status, { type: `https://blau.dev/problems/${code}`, title: code, status, detail }, headers);
}

/** A JWT-shaped token (unsigned: the app only reads it) for these claims. */
export function jwt(claims: object): string {
  return `h.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.s`;
}

/**
 * Stubs the global fetch. `answers`: for "GET /api/…", a queue taken from the front (the last one
 * stays, to answer every further call). Anything else: 204.
 */
export function stubServer(answers: Record<string, Answer[]>) {
  const calls: string[] = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${new URL(url, 'http://x').pathname}`;
    calls.push(key);
    const queue = answers[key];
    if (!queue?.length) return new Response(null, { status: 204 });
    const next = queue.length > 1 ? queue.shift()! : queue[0];
    return typeof next === 'function' ? next() : next.clone();
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, calls, count: (key: string) => calls.filter((c) => c === key).length };
}
