// Jumping to a message (from a search result): where it is, and how to get it on screen.
//
// The live timeline is one contiguous run of a room's newest messages, paged back with
// `before=`. A message within it is scrolled to. One a few pages older is reached by paging the
// live timeline back, which keeps the run contiguous. One further back is not worth hundreds of
// messages: a window around it (`after=seq-26`, 50 messages) is shown instead as a detached view
// of older history, paged with `before=` / `after=` on request, while live messages keep arriving
// into the live timeline only. The view never passes for the live timeline: "Jump to newest"
// leaves it, and once its newer pages reach the live run (they overlap it, or there is nothing
// newer) both are one contiguous run again and are merged into the live timeline.
import type { Message } from '../api/types';
import type { Timeline } from './ChatStore';

/** A page of history, as the server pages it. */
export const PAGE_SIZE = 50;
/** Paging the live timeline back further than this many pages loads a window instead. */
export const MAX_PAGES_BACK = 3;
/** Messages shown before the one jumped to in a window (the rest of the page comes after it). */
export const WINDOW_BEFORE = 25;

export type JumpPlan = 'loaded' | 'page-back' | 'window';

/** Whether the live timeline holds the message, or would if it existed (the room's beginning is loaded). */
export function covers(timeline: Pick<Timeline, 'messages' | 'hasMore' | 'loaded'>, seq: number): boolean {
  if (!timeline.loaded) return false;
  const first = timeline.messages[0]?.seq;
  return !timeline.hasMore || (first !== undefined && first <= seq);
}

/** How to show the message: already loaded, a few pages back (by seq distance), or a detached window. */
export function planJump(timeline: Pick<Timeline, 'messages' | 'hasMore' | 'loaded'>, seq: number, pageSize = PAGE_SIZE, maxPages = MAX_PAGES_BACK): JumpPlan {
  if (covers(timeline, seq)) return 'loaded';
  const first = timeline.messages[0]?.seq;
  return timeline.loaded && first !== undefined && first - seq <= pageSize * maxPages ? 'page-back' : 'window';
}

/** The `after=` of the window around a message: WINDOW_BEFORE messages before it, then it and the rest of the page. */
export function windowAfter(seq: number, before = WINDOW_BEFORE): number {
  return Math.max(0, seq - before - 1);
}

/**
 * Whether a detached run of history reaches the live timeline: nothing newer exists, or it
 * overlaps the live run (an overlap, not adjacent seqs: seqs need not be gapless).
 */
export function reachesLive(detached: { messages: Message[]; hasNewer: boolean }, live: Pick<Timeline, 'messages' | 'loaded'>): boolean {
  if (!detached.hasNewer) return true;
  const last = detached.messages.at(-1)?.seq;
  const liveFirst = live.messages[0]?.seq;
  return live.loaded && last !== undefined && liveFirst !== undefined && last >= liveFirst;
}
