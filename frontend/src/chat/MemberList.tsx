import { Box, Button, List, ListItem, ListItemIcon, ListItemText, ListSubheader } from '@mui/material';
import LogoutIcon from '@mui/icons-material/Logout';

import type { Member } from '../api/types';
import { useT } from '../i18n/I18n';
import { MemberActions } from '../moderation/MemberActions';
import { canActOn } from '../moderation/moderation';
import { displayName } from './ChatStore';
import { PresenceDot } from './PresenceDot';
import { useChat, useChatController } from './useChat';

const noMembers: Member[] = [];

export function MemberList({ roomId }: { roomId: string }) {
  const t = useT();
  const members = useChat((s) => s.rooms[roomId]?.members ?? noMembers);
  const presence = useChat((s) => s.presence);
  const me = useChat((s) => s.me);
  const controller = useChatController();
  const room = useChat((s) => s.rooms[roomId]);
  const rank = { online: 0, busy: 1, away: 2, offline: 3 };
  const sorted = [...members].sort(
    (a, b) => rank[presence[a.id] ?? a.status ?? 'offline'] - rank[presence[b.id] ?? b.status ?? 'offline'] || displayName(a).localeCompare(displayName(b)),
  );
  return (
    <>
      {/* the heading sits outside the list: a <ul> may only hold <li> */}
      <ListSubheader component="h2" id={`members-${roomId}`}>
        {t('members')}
      </ListSubheader>
      <List dense aria-labelledby={`members-${roomId}`} data-testid="members">
      {sorted.map((m) => (
        <ListItem key={m.id} secondaryAction={canActOn(room, me?.id, m) ? <MemberActions roomId={roomId} member={m} /> : undefined}>
          <ListItemIcon sx={{ minWidth: 24 }}>
            <PresenceDot status={presence[m.id] ?? m.status} />
          </ListItemIcon>
          <ListItemText
            primary={`${displayName(m)}${m.id === me?.id ? ` (${t('you')})` : ''}`}
            secondary={m.role && m.role !== 'member' ? m.role : undefined}
          />
        </ListItem>
      ))}
      </List>
      {room?.joined && room.visibility !== 'direct' && (
        <Box sx={{ p: 2 }}>
          <Button size="small" color="inherit" startIcon={<LogoutIcon />} onClick={() => void controller.leave(roomId).catch(() => undefined)}>
            {t('leaveRoom')}
          </Button>
        </Box>
      )}
    </>
  );
}
