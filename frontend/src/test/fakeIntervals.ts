// For components that ask a server again every few seconds (setInterval): only intervals (and
// Date when asked) run on fake time, so Testing Library's own waits and user-event stay real.
import { act } from '@testing-library/react';
import { expect, vi } from 'vitest';
import { POLL_MS } from '../privacy/requests';

/** The intervals of POLL_MS running now (other intervals, such as a dialog's focus trap, are not counted). */
const polls = new Set<unknown>();
let faked: { set: typeof setInterval; clear: typeof clearInterval } | undefined;

export function fakeIntervals(alsoDate = false): void {
  realIntervals(); // asked again (with Date, say): from real time
  vi.useFakeTimers({ toFake: alsoDate ? ['setInterval', 'clearInterval', 'Date'] : ['setInterval', 'clearInterval'] });
  polls.clear();
  const set = globalThis.setInterval;
  const clear = globalThis.clearInterval;
  faked = { set, clear };
  globalThis.setInterval = ((handler: () => void, ms?: number) => {
    const id = set(handler, ms);
    if (ms === POLL_MS) polls.add(id);
    return id;
  }) as typeof setInterval;
  globalThis.clearInterval = ((id?: ReturnType<typeof setInterval>) => {
    polls.delete(id);
    clear(id);
  }) as typeof clearInterval;
}

/** Back to real time: the fake functions first, which the fake timers' uninstall expects to find. */
export function realIntervals(): void {
  if (faked) {
    globalThis.setInterval = faked.set;
    globalThis.clearInterval = faked.clear;
    faked = undefined;
  }
  vi.useRealTimers();
  polls.clear();
}

/** Lets this much fake time go by (nothing really waits). */
export const pass = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

/**
 * Waits, on real time and leaving the fake clock where it is, until this many askings every
 * POLL_MS run: React sets them up and ends them in effects, just after it renders.
 */
export async function polling(count: number): Promise<void> {
  for (let i = 0; i < 100 && polls.size !== count; i++) await act(() => new Promise<void>((done) => setTimeout(done, 0)));
  expect(polls.size).toBe(count);
}
