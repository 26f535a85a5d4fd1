import { describe, expect, it } from 'vitest';
import type { Message, Room } from '../api/types';
import { shouldNotify } from './notifications';

const room = (notifications?: Room['notifications']): Room => ({ id: 'r', name: 'r', visibility: 'public', joined: true, notifications });
const message = (extra: Partial<Message> = {}): Message => ({
  id: 'r:1', roomId: 'r', seq: 1, senderId: 'ana', text: 'hi', createdAt: '2026-01-01T00:00:00Z', ...extra,
});

describe('which messages notify', () => {
  it('follows the room level: all, only mentions, or nothing', () => {
    expect(shouldNotify(message(), room(), 'me', false)).toBe(true);
    expect(shouldNotify(message(), room('mentions'), 'me', false)).toBe(false);
    expect(shouldNotify(message({ mentions: ['me'] }), room('mentions'), 'me', false)).toBe(true);
    expect(shouldNotify(message({ mentionsRoom: true }), room('mentions'), 'me', false)).toBe(true);
    expect(shouldNotify(message({ mentions: ['me'] }), room('none'), 'me', false)).toBe(false);
  });

  it('never for the room in view, one’s own messages, or rooms one has not joined', () => {
    expect(shouldNotify(message(), room(), 'me', true)).toBe(false);
    expect(shouldNotify(message({ senderId: 'me' }), room(), 'me', false)).toBe(false);
    expect(shouldNotify(message(), { ...room(), joined: false }, 'me', false)).toBe(false);
  });
});
