// Builds what the message list shows: messages and join/leave notices in time order, with a
// date separator wherever the local day changes, then the own messages still on their way.
import type { Message } from '../api/types';
import type { Notice, PendingMessage } from './ChatStore';

export type TimelineItem =
  | { kind: 'date'; key: string; date: Date }
  | { kind: 'message'; key: string; message: Message }
  | { kind: 'notice'; key: string; notice: Notice }
  | { kind: 'pending'; key: string; pending: PendingMessage };

function dayKey(d: Date): string {
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

/** A time as the server writes it, as a number: ISO strings with and without a fraction do not compare as text. */
function time(at: string): number {
  return Date.parse(at);
}

export function buildTimeline(messages: Message[], notices: Notice[], pending: PendingMessage[], hasMore = false): TimelineItem[] {
  const first = hasMore && messages.length > 0 ? time(messages[0].createdAt) : undefined;
  // notices older than the loaded history would float at the top: keep only those within it
  const shown = notices
    .filter((n) => first === undefined || time(n.at) >= first)
    .sort((a, b) => time(a.at) - time(b.at));
  const out: TimelineItem[] = [];
  let lastDay = '';
  const addDate = (at: string) => {
    const d = new Date(at);
    const k = dayKey(d);
    if (k !== lastDay) {
      lastDay = k;
      out.push({ kind: 'date', key: `d${k}`, date: d });
    }
  };
  const addNotice = (n: Notice) => {
    addDate(n.at);
    out.push({ kind: 'notice', key: n.id, notice: n });
  };
  // messages in seq order, the room's order (never re-sorted by their times, which servers' clocks
  // write); each notice goes before the first message later than it
  let next = 0;
  for (const m of messages) {
    while (next < shown.length && time(shown[next].at) < time(m.createdAt)) addNotice(shown[next++]);
    addDate(m.createdAt);
    out.push({ kind: 'message', key: `m${m.seq}`, message: m });
  }
  while (next < shown.length) addNotice(shown[next++]);
  for (const p of pending) {
    addDate(p.createdAt);
    out.push({ kind: 'pending', key: `p${p.clientMsgId}`, pending: p });
  }
  return out;
}

export function dateLabel(date: Date, locale: string, today: string, yesterday: string, now = new Date()): string {
  const d0 = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const d = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  if (d === d0) return today;
  if (d0 - d === 86_400_000) return yesterday;
  return date.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}
