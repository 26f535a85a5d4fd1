// Browser notifications of new messages: the Notification API, asked for only when the user
// chooses to, never for the room in view, and as each room's setting says.
import type { Message, NotificationLevel, Room } from '../api/types';
import { mentions } from './ChatStore';
import { messagePreview } from './plainText';

/** What the browser can and may do: 'unsupported' where there is no Notification API. */
export type NotificationPermissionState = NotificationPermission | 'unsupported';

export function notificationPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Whether a message should notify: from someone else, not in view, allowed by the room's level. */
export function shouldNotify(message: Message, room: Room | undefined, meId: string | undefined, viewing: boolean): boolean {
  if (!room?.joined || viewing || message.senderId === meId || message.deleted) return false;
  const level: NotificationLevel = room.notifications ?? 'all';
  return level === 'all' || (level === 'mentions' && mentions(message, meId));
}

/** Shows one notification per room at a time (a newer one replaces it); clicking opens the room. */
export function notify(title: string, message: Message, open: (roomId: string) => void): void {
  if (notificationPermission() !== 'granted') return;
  // a message of files only: their names
  const full = message.text || messagePreview(message);
  const text = full.length > 140 ? `${full.slice(0, 140)}…` : full;
  const shown = new Notification(title, { body: `${message.senderName ?? ''}: ${text}`, tag: message.roomId });
  shown.onclick = () => {
    window.focus();
    open(message.roomId);
    shown.close();
  };
}
