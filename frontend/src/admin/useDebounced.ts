import { useEffect, useState } from 'react';

/** Keystrokes closer together than this are one search. */
export const SEARCH_DELAY_MS = 250;

/** The value once it has stopped changing for `ms` (an emptied value at once: nothing to wait for). */
export function useDebounced<T>(value: T, ms: number = SEARCH_DELAY_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (!value) {
      setSettled(value);
      return;
    }
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
