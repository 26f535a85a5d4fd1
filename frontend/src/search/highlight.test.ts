import { describe, expect, it } from 'vitest';
import type { Message, SearchResult } from '../api/types';
import { excerpt, groupByRoom, segments } from './highlight';

const marked = (text: string, ranges: Array<[number, number]>) =>
  segments(text, ranges)
    .map((s) => (s.mark ? `[${s.text}]` : s.text))
    .join('');

describe('segments', () => {
  it('cuts the text at the highlight ranges, keeping every character once', () => {
    expect(marked('Ação concluída no redeployed', [[0, 4], [20, 26]])).toBe('[Ação] concluída no re[deploy]ed');
    expect(marked('abc', [])).toBe('abc');
    expect(marked('abc', [[0, 3]])).toBe('[abc]');
    expect(segments('abc', [[0, 3]])).toEqual([{ text: 'abc', mark: true }]);
  });

  it('clips, merges and sorts wrong ranges rather than losing or repeating text', () => {
    expect(marked('abcdef', [[4, 99]])).toBe('abcd[ef]');
    expect(marked('abcdef', [[-3, 1], [2, 2]])).toBe('[a]bcdef');
    expect(marked('abcdef', [[3, 5], [1, 4]])).toBe('a[bcde]f');
    expect(marked('abcdef', [[1, 2], [2, 3]])).toBe('a[bc]def');
    expect(marked('abcdef', [[1, 5], [2, 3]])).toBe('a[bcde]f');
  });

  it('counts in UTF-16 units like the server: an emoji is two', () => {
    expect(marked('🚀 deploy', [[3, 9]])).toBe('🚀 [deploy]');
  });
});

describe('excerpt', () => {
  it('keeps a short text whole', () => {
    expect(excerpt('short text', [[0, 5]])).toEqual({ text: 'short text', highlights: [[0, 5]], before: false, after: false });
  });

  it('shows a long text from a little before its first highlight, ranges moved along', () => {
    const text = 'x'.repeat(500) + 'needle' + 'y'.repeat(500);
    const e = excerpt(text, [[500, 506]], 100, 10);
    expect(e.text).toHaveLength(100);
    expect(e.text.slice(10, 16)).toBe('needle');
    expect(e.highlights).toEqual([[10, 16]]);
    expect(e).toMatchObject({ before: true, after: true });
  });

  it('ends at the text end when the highlight is near it, and never splits an emoji', () => {
    const text = 'a'.repeat(200) + 'end';
    expect(excerpt(text, [[200, 203]], 100, 10)).toMatchObject({ text: text.slice(103), highlights: [[97, 100]], after: false });
    const emoji = '🚀'.repeat(100); // 200 units
    const cut = excerpt(emoji, [[51, 53]], 20, 10); // would start inside the pair at 41
    expect(cut.text.startsWith('🚀')).toBe(true);
    expect(cut.text.length % 2).toBe(0);
  });
});

describe('groupByRoom', () => {
  const result = (roomId: string, seq: number, roomName = roomId): SearchResult => ({
    message: { id: `${roomId}-${seq}`, roomId, seq, senderId: 'u', text: 't', createdAt: '2026-01-01T00:00:00Z' } as Message,
    roomName,
    highlights: [],
  });

  it('groups in the order the rooms first come, results in their order', () => {
    const groups = groupByRoom([result('b', 9, 'beta'), result('a', 8, 'alpha'), result('b', 3, 'beta'), result('c', 2), result('a', 1, 'alpha')]);
    expect(groups.map((g) => [g.roomName, g.results.map((r) => r.message.seq)])).toEqual([
      ['beta', [9, 3]],
      ['alpha', [8, 1]],
      ['c', [2]],
    ]);
  });
});
