import type { Room } from '../api/types';

/** A direct room is named "A & B" by the server (display names, or usernames): show the other person. */
export function roomTitle(room: Room, ...myNames: Array<string | undefined>): string {
  const mine = myNames.filter(Boolean);
  if (room.visibility !== 'direct' || mine.length === 0) return room.name;
  const others = room.name.split(' & ').filter((n) => !mine.includes(n));
  return others.length === 1 ? others[0] : room.name;
}
