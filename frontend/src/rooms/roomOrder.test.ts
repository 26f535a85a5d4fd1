import { describe, expect, it } from 'vitest';
import type { Message, Room } from '../api/types';
import { byLastActivity } from './roomOrder';

const room = (name: string, lastAt?: string, createdAt = '2026-12-01T09:00:00Z'): Room => ({
  id: name, name, visibility: 'public', createdAt,
  lastMessage: lastAt ? ({ id: `m-${name}`, roomId: name, seq: 1, senderId: 'u1', text: 'hi', createdAt: lastAt } as Message) : undefined,
});

const names = (rooms: Room[]) => [...rooms].sort(byLastActivity).map((r) => r.name);

describe('byLastActivity', () => {
  it('puts a room whose last message came later first, when the earlier one has a fraction and the later one none', () => {
    // as text, "…:35Z" sorts after "…:35.523Z" — but it is 0.5 s earlier
    expect(names([room('ops', '2026-12-07T22:51:35Z'), room('dev', '2026-12-07T22:51:35.523Z')])).toEqual(['dev', 'ops']);
    expect(names([room('ops', '2026-12-07T22:51:36Z'), room('dev', '2026-12-07T22:51:35.523Z')])).toEqual(['ops', 'dev']);
  });

  it('orders a room without messages by when it was made', () => {
    expect(names([
      room('old', '2026-12-07T08:00:00.100Z'),
      room('new', undefined, '2026-12-07T09:00:00Z'),
      room('newest', '2026-12-07T10:00:00Z'),
    ])).toEqual(['newest', 'new', 'old']);
  });

  it('keeps rooms active at the same instant in name order', () => {
    expect(names([room('b', '2026-12-07T10:00:00Z'), room('a', '2026-12-07T10:00:00.000Z')])).toEqual(['a', 'b']);
  });
});
