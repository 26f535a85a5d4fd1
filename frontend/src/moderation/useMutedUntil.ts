import { useEffect, useState } from 'react';
import { useChat } from '../chat/useChat';

/** setTimeout's longest delay (about 24.8 days); a longer mute is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Until when (ms since the epoch) the user is muted in the room, or undefined. A timer set for
 * the end re-renders when it passes: the server is not asked (an early lift comes as `unmuted`).
 */
export function useMutedUntil(roomId: string): number | undefined {
  const mutedUntil = useChat((s) => s.rooms[roomId]?.mutedUntil);
  const end = mutedUntil ? Date.parse(mutedUntil) : NaN;
  const active = !Number.isNaN(end) && end > Date.now();
  const [wakes, setWakes] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => setWakes((n) => n + 1), Math.min(end - Date.now(), MAX_TIMER_MS));
    return () => clearTimeout(timer);
  }, [active, end, wakes]);
  return active ? end : undefined;
}
