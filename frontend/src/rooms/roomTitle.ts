import type { Room } from '../api/types';

/** A direct room is named "A & B" by the server: show the other person. */
export function roomTitle(room: Room, myName?: string): string {
  if (room.visibility !== 'direct' || !myName) return room.name;
  const others = room.name.split(' & ').filter((n) => n !== myName);
  return others.length === 1 ? others[0] : room.name;
}
