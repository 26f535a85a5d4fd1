import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types';
import type { Notice } from './ChatStore';
import { buildTimeline } from './timeline';

const message = (seq: number, createdAt: string): Message => ({
  id: `m${seq}`, roomId: 'r1', seq, senderId: 'u2', senderName: 'Ana', text: `t${seq}`, createdAt,
});

const notice = (id: string, at: string): Notice => ({
  id, roomId: 'r1', kind: 'joined', user: { id: 'u3', username: 'bia' }, at,
});

const order = (items: ReturnType<typeof buildTimeline>) =>
  items.filter((i) => i.kind !== 'date').map((i) => (i.kind === 'message' ? i.message.seq : i.kind === 'notice' ? i.notice.id : '?'));

describe('buildTimeline', () => {
  it('keeps messages in seq order when one was sent on a whole second (no fraction in its time)', () => {
    // as the server writes them: 22:51:21Z sorts after 22:51:21.345Z as text
    const items = buildTimeline([
      message(40, '2026-12-07T22:51:21Z'),
      message(41, '2026-12-07T22:51:21.345Z'),
      message(42, '2026-12-07T22:51:21.912Z'),
    ], [], []);
    expect(order(items)).toEqual([40, 41, 42]);
  });

  it('keeps seq order even when a later message carries an earlier time (another server\'s clock)', () => {
    const items = buildTimeline([
      message(1, '2026-12-07T10:00:00.500Z'),
      message(2, '2026-12-07T10:00:00.400Z'),
    ], [], []);
    expect(order(items)).toEqual([1, 2]);
  });

  it('puts a notice between the messages around its time, compared as times', () => {
    const items = buildTimeline([
      message(1, '2026-12-07T10:00:00.100Z'),
      message(2, '2026-12-07T10:00:01Z'),
      message(3, '2026-12-07T10:00:02.5Z'),
    ], [notice('late', '2026-12-07T10:00:03.000Z'), notice('mid', '2026-12-07T10:00:00.900Z')], []);
    expect(order(items)).toEqual([1, 'mid', 2, 3, 'late']);
  });

  it('leaves out notices older than the loaded history when older pages remain', () => {
    const items = buildTimeline([message(5, '2026-12-07T10:00:05Z')],
      [notice('before', '2026-12-07T10:00:04.999Z'), notice('after', '2026-12-07T10:00:05.001Z')], [], true);
    expect(order(items)).toEqual([5, 'after']);
  });
});
