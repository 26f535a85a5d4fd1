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

export function buildTimeline(messages: Message[], notices: Notice[], pending: PendingMessage[], hasMore = false): TimelineItem[] {
  const first = hasMore ? messages[0]?.createdAt : undefined;
  const events: Array<{ at: string; item: TimelineItem }> = [
    ...messages.map((m) => ({ at: m.createdAt, item: { kind: 'message', key: `m${m.seq}`, message: m } as TimelineItem })),
    // notices older than the loaded history would float at the top: keep only those within it
    ...notices
      .filter((n) => !first || n.at >= first)
      .map((n) => ({ at: n.at, item: { kind: 'notice', key: n.id, notice: n } as TimelineItem })),
  ];
  // stable: messages keep seq order among equal times
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
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
  for (const e of events) {
    addDate(e.at);
    out.push(e.item);
  }
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
