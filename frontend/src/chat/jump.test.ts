import { describe, expect, it } from 'vitest';
import type { Message } from '../api/types';
import { covers, planJump, reachesLive, windowAfter } from './jump';

const msgs = (from: number, to: number): Message[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ id: `m${from + i}`, roomId: 'r1', seq: from + i, senderId: 'u', text: 't', createdAt: '' }));
const live = (from: number, to: number, hasMore = true) => ({ messages: msgs(from, to), hasMore, loaded: true });

describe('planJump', () => {
  it('scrolls to a message within the loaded run, or one that would be there (the beginning is loaded)', () => {
    expect(planJump(live(251, 300), 251)).toBe('loaded');
    expect(planJump(live(251, 300), 300)).toBe('loaded');
    expect(planJump(live(251, 300), 305)).toBe('loaded'); // newer than loaded: arrives live
    expect(planJump(live(1, 30, false), 7)).toBe('loaded');
    expect(covers(live(1, 30, false), 99)).toBe(true);
  });

  it('pages back up to three pages, further away loads a window', () => {
    expect(planJump(live(251, 300), 250)).toBe('page-back');
    expect(planJump(live(251, 300), 101)).toBe('page-back');
    expect(planJump(live(251, 300), 100)).toBe('window');
    expect(planJump(live(251, 300), 3)).toBe('window');
  });

  it('loads a window when nothing is loaded to page from', () => {
    expect(planJump({ messages: [], hasMore: true, loaded: false }, 5)).toBe('window');
    expect(covers({ messages: msgs(1, 3), hasMore: false, loaded: false }, 2)).toBe(false);
  });
});

describe('windowAfter', () => {
  it('starts the window 25 messages before the one jumped to, not before the room began', () => {
    expect(windowAfter(100)).toBe(74); // 75..124 with a page of 50
    expect(windowAfter(10)).toBe(0);
    expect(windowAfter(26)).toBe(0);
    expect(windowAfter(27)).toBe(1);
  });
});

describe('reachesLive', () => {
  it('when nothing newer exists, or the detached run overlaps the live one', () => {
    expect(reachesLive({ messages: msgs(75, 124), hasNewer: false }, live(251, 300))).toBe(true);
    expect(reachesLive({ messages: msgs(75, 124), hasNewer: true }, live(251, 300))).toBe(false);
    expect(reachesLive({ messages: msgs(200, 251), hasNewer: true }, live(251, 300))).toBe(true);
    expect(reachesLive({ messages: msgs(200, 250), hasNewer: true }, live(251, 300))).toBe(false); // adjacent is not proof
    expect(reachesLive({ messages: msgs(200, 260), hasNewer: true }, { messages: [], loaded: false })).toBe(false);
  });
});
