import { useState } from 'react';
import { Divider, IconButton, ListItemIcon, ListItemText, Menu, MenuItem, Tooltip } from '@mui/material';
import CheckIcon from '@mui/icons-material/Check';
import NotificationsIcon from '@mui/icons-material/NotificationsOutlined';
import NotificationsOffIcon from '@mui/icons-material/NotificationsOffOutlined';
import type { NotificationLevel } from '../api/types';
import { useT } from '../i18n/I18n';
import { notificationPermission } from '../chat/notifications';
import { useChat, useChatController } from '../chat/useChat';

const LEVELS: Array<{ level: NotificationLevel; label: 'notifyAll' | 'notifyMentions' | 'notifyNone' }> = [
  { level: 'all', label: 'notifyAll' },
  { level: 'mentions', label: 'notifyMentions' },
  { level: 'none', label: 'notifyNone' },
];

/** The room's notification setting (kept by the server for all the user's devices), and the browser's permission, asked only here. */
export function NotificationMenu({ roomId }: { roomId: string }) {
  const t = useT();
  const controller = useChatController();
  const level = useChat((s) => s.rooms[roomId]?.notifications ?? 'all');
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [permission, setPermission] = useState(notificationPermission);

  return (
    <>
      <Tooltip title={t('notifications')}>
        <IconButton color="inherit" aria-label={t('notifications')} aria-haspopup="menu" onClick={(e) => setAnchor(e.currentTarget)}>
          {level === 'none' ? <NotificationsOffIcon /> : <NotificationsIcon />}
        </IconButton>
      </Tooltip>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        {LEVELS.map((l) => (
          <MenuItem
            key={l.level}
            role="menuitemradio"
            aria-checked={level === l.level}
            onClick={() => {
              setAnchor(null);
              void controller.setNotifications(roomId, l.level).catch(() => undefined);
            }}
          >
            <ListItemIcon>{level === l.level && <CheckIcon fontSize="small" />}</ListItemIcon>
            <ListItemText>{t(l.label)}</ListItemText>
          </MenuItem>
        ))}
        {permission === 'default' && <Divider />}
        {permission === 'default' && (
          <MenuItem
            onClick={() => {
              setAnchor(null);
              void Notification.requestPermission().then(setPermission);
            }}
          >
            <ListItemText inset>{t('enableDesktopNotifications')}</ListItemText>
          </MenuItem>
        )}
      </Menu>
    </>
  );
}
