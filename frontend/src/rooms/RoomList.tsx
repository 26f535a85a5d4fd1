import { useState } from 'react';
import { Badge, Box, Divider, IconButton, List, ListItem, ListItemButton, ListItemIcon, ListItemText, ListSubheader, Stack, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import ExploreIcon from '@mui/icons-material/Explore';
import ForumIcon from '@mui/icons-material/Forum';
import LockIcon from '@mui/icons-material/Lock';
import PersonIcon from '@mui/icons-material/Person';
import TagIcon from '@mui/icons-material/Tag';
import type { Room } from '../api/types';
import { useT } from '../i18n/I18n';
import { useChat, useChatController } from '../chat/useChat';
import { BrowseRoomsDialog } from './BrowseRoomsDialog';
import { CreateRoomDialog } from './CreateRoomDialog';
import { DirectMessageDialog } from './DirectMessageDialog';
import { messagePreview } from '../chat/plainText';
import { roomTitle } from './roomTitle';
import { byLastActivity } from './roomOrder';

export function RoomList({ onPicked }: { onPicked?: () => void }) {
  const t = useT();
  const controller = useChatController();
  const rooms = useChat((s) => s.rooms);
  const active = useChat((s) => s.activeRoomId);
  const me = useChat((s) => s.me);
  const [dialog, setDialog] = useState<'create' | 'browse' | 'direct' | null>(null);
  const joined = Object.values(rooms)
    .filter((r) => r.joined)
    .sort(byLastActivity);
  const channels = joined.filter((r) => r.visibility !== 'direct');
  const directs = joined.filter((r) => r.visibility === 'direct');

  function pick(id: string) {
    void controller.open(id);
    onPicked?.();
  }

  const item = (r: Room) => (
    <ListItem key={r.id} disablePadding>
    <ListItemButton selected={r.id === active} onClick={() => pick(r.id)} aria-current={r.id === active ? 'page' : undefined}>
      <ListItemIcon sx={{ minWidth: 34 }}>
        {r.visibility === 'direct' ? <PersonIcon fontSize="small" /> : r.visibility === 'private' ? <LockIcon fontSize="small" /> : <TagIcon fontSize="small" />}
      </ListItemIcon>
      <ListItemText
        primary={roomTitle(r, me?.name, me?.username)}
        secondary={r.lastMessage ? `${r.lastMessage.senderName ?? ''}: ${r.lastMessage.deleted ? t('deletedMessage') : messagePreview(r.lastMessage)}` : undefined}
        slotProps={{
          primary: { noWrap: true, sx: { fontWeight: r.unread ? 700 : 400 } },
          secondary: { noWrap: true },
        }}
      />
      {!!r.mentionUnread && r.id !== active && (
        <Badge
          color="secondary"
          badgeContent="@"
          data-testid="mention-badge"
          sx={{ ml: 2 }}
          slotProps={{ badge: { 'aria-label': t('mentionsUnread', { count: r.mentionUnread }) } as object }}
        />
      )}
      {!!r.unread && r.id !== active && (
        <Badge
          color="primary"
          badgeContent={r.unread}
          max={99}
          sx={{ ml: 2, mr: 1 }}
          slotProps={{ badge: { 'aria-label': t('unread', { count: r.unread }) } as object }}
        />
      )}
    </ListItemButton>
    </ListItem>
  );

  return (
    <Box component="nav" aria-label={t('rooms')} sx={{ display: 'flex', flexDirection: 'column', height: '100%', overflow: 'hidden' }}>
      <Stack direction="row" sx={{ alignItems: 'center', px: 2, py: 1, gap: 0.5 }}>
        <ForumIcon color="primary" />
        <Typography variant="h6" component="h2" sx={{ flex: 1, fontWeight: 700 }}>
          {t('rooms')}
        </Typography>
        <Tooltip title={t('browseRooms')}>
          <IconButton aria-label={t('browseRooms')} onClick={() => setDialog('browse')}>
            <ExploreIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title={t('newDirect')}>
          <IconButton aria-label={t('newDirect')} onClick={() => setDialog('direct')}>
            <PersonIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title={t('newRoom')}>
          <IconButton aria-label={t('newRoom')} onClick={() => setDialog('create')} color="primary">
            <AddIcon />
          </IconButton>
        </Tooltip>
      </Stack>
      <Divider />
      <Box sx={{ overflowY: 'auto', flex: 1 }}>
        {joined.length === 0 && (
          <Typography sx={{ p: 2 }} color="text.secondary">
            {t('noRooms')}
          </Typography>
        )}
        {channels.length > 0 && (
          <>
            <ListSubheader component="h3" id="rooms-yourRooms">
              {t('yourRooms')}
            </ListSubheader>
            <List dense aria-labelledby="rooms-yourRooms">
              {channels.map(item)}
            </List>
          </>
        )}
        {directs.length > 0 && (
          <>
            <ListSubheader component="h3" id="rooms-directMessages">
              {t('directMessages')}
            </ListSubheader>
            <List dense aria-labelledby="rooms-directMessages">
              {directs.map(item)}
            </List>
          </>
        )}
      </Box>
      <CreateRoomDialog open={dialog === 'create'} onClose={() => setDialog(null)} onCreated={(id) => pick(id)} />
      <BrowseRoomsDialog open={dialog === 'browse'} onClose={() => setDialog(null)} onOpen={(id) => pick(id)} />
      <DirectMessageDialog open={dialog === 'direct'} onClose={() => setDialog(null)} onOpen={(id) => pick(id)} />
    </Box>
  );
}
