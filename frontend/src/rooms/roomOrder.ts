import type { Room } from '../api/types';

/** When a room last saw a message (or was made), in ms; a server writes times without a fraction on a whole second, so they compare as times, not as text. */
function lastActivity(room: Room): number {
  const at = Date.parse(room.lastMessage?.createdAt ?? room.createdAt ?? '');
  return Number.isNaN(at) ? 0 : at;
}

/** Most recently active first; rooms active at the same instant by name, so the list does not shuffle. */
export function byLastActivity(a: Room, b: Room): number {
  return lastActivity(b) - lastActivity(a) || a.name.localeCompare(b.name);
}
