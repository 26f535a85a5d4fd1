// Search results: a message's text cut into plain and highlighted pieces, and the groups by room.
import type { SearchResult } from '../api/types';

export type Range = readonly [number, number];

export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * The text as plain and marked pieces, by half-open [start, end) UTF-16 offsets. The server
 * sends them sorted and apart; out-of-range, empty or overlapping ones are clipped or merged
 * anyway, so a wrong range can never lose or repeat text.
 */
export function segments(text: string, ranges: readonly Range[]): Segment[] {
  const clipped = ranges
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of clipped) {
    if (e <= at) continue; // inside the previous mark
    const start = Math.max(s, at);
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    const last = out[out.length - 1];
    if (last?.mark && start === at) last.text += text.slice(start, e); // touching or overlapping: one mark
    else out.push({ text: text.slice(start, e), mark: true });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

export interface Excerpt {
  text: string;
  highlights: Range[];
  /** text was left out before / after */
  before: boolean;
  after: boolean;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * At most `max` UTF-16 units of a long text, starting `lead` units before its first highlight,
 * with the highlights moved along; never cuts a surrogate pair (an emoji) in half.
 */
export function excerpt(text: string, ranges: readonly Range[], max = 320, lead = 60): Excerpt {
  if (text.length <= max) return { text, highlights: [...ranges], before: false, after: false };
  let start = Math.max(0, Math.min((ranges[0]?.[0] ?? 0) - lead, text.length - max));
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start -= 1;
  let end = Math.min(text.length, start + max);
  if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  const highlights = ranges
    .map(([s, e]) => [Math.max(s, start) - start, Math.min(e, end) - start] as Range)
    .filter(([s, e]) => e > s);
  return { text: text.slice(start, end), highlights, before: start > 0, after: end < text.length };
}

export interface RoomGroup {
  roomId: string;
  roomName: string;
  results: SearchResult[];
}

/** Results grouped by room: the groups in the order their rooms first come, each group's results in their order. */
export function groupByRoom(results: readonly SearchResult[]): RoomGroup[] {
  const groups = new Map<string, RoomGroup>();
  for (const r of results) {
    const id = r.message.roomId;
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { roomId: id, roomName: r.roomName, results: [] }));
    group.results.push(r);
  }
  return [...groups.values()];
}
