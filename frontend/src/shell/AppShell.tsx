import { useCallback, useEffect, useState } from 'react';
import { AppBar, Box, Button, Drawer, IconButton, Stack, Toolbar, Tooltip, Typography, useMediaQuery, useTheme } from '@mui/material';
import LogoutIcon from '@mui/icons-material/Logout';
import PhonelinkLockIcon from '@mui/icons-material/PhonelinkLock';
import MenuIcon from '@mui/icons-material/Menu';
import PeopleIcon from '@mui/icons-material/People';
import { AdminEntry } from '../admin/AdminEntry';
import { useAuth } from '../auth/AuthProvider';
import { ChatArea } from '../chat/ChatArea';
import { MemberList } from '../chat/MemberList';
import { useChat } from '../chat/useChat';
import { useT } from '../i18n/I18n';
import { BannedNotice } from '../moderation/BannedNotice';
import { RoomSettingsButton } from '../moderation/RoomSettingsButton';
import { PrivacyEntry, usePrivacyDialog } from '../privacy/PrivacyEntry';
import { RoomList } from '../rooms/RoomList';
import { roomTitle } from '../rooms/roomTitle';
import { SearchPanel, type SearchRequest } from '../search/SearchPanel';
import { NotificationMenu } from './NotificationMenu';
import { PinnedMessages } from './PinnedMessages';
import { ConnectionStatus } from './ConnectionStatus';
import { PreferencesBar } from './PreferencesBar';
import { SearchBox } from './SearchBox';
import { StatusSwitch } from './StatusSwitch';

const ROOMS_WIDTH = 300;
const MEMBERS_WIDTH = 240;

export function AppShell() {
  const t = useT();
  const auth = useAuth();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'));
  const veryWide = useMediaQuery(theme.breakpoints.up('lg'));
  const [roomsOpen, setRoomsOpen] = useState(false);
  const [membersOpen, setMembersOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const [searchRequest, setSearchRequest] = useState<SearchRequest>({ q: '', key: 0 });
  const search = useCallback((q: string) => {
    setSearchRequest((r) => ({ q, key: r.key + 1 }));
    setSearchOpen(true);
  }, []);
  const openSearch = useCallback(() => setSearchOpen(true), []);
  const privacy = usePrivacyDialog();
  const room = useChat((s) => (s.activeRoomId ? s.rooms[s.activeRoomId] : undefined));
  const me = useChat((s) => s.me);
  const presence = useChat((s) => s.presence);
  // live from presence frames when the member list is known, else the server's count
  const online = room?.members?.length
    ? room.members.filter((m) => (presence[m.id] ?? m.status ?? 'offline') !== 'offline').length
    : room?.onlineCount;

  // unread messages in the tab title, for when the app is in the background
  const unread = useChat((s) => Object.values(s.rooms).reduce((n, r) => n + (r.joined ? (r.unread ?? 0) : 0), 0));
  useEffect(() => {
    document.title = unread ? `(${unread}) BLAU` : 'BLAU';
  }, [unread]);

  const rooms = <RoomList onPicked={() => setRoomsOpen(false)} />;
  const secondFactor = (
    <Tooltip title={t('setUpSecondFactor')}>
      <IconButton color="inherit" aria-label={t('setUpSecondFactor')} onClick={() => void auth.startSso({ action: 'CONFIGURE_TOTP' })}>
        <PhonelinkLockIcon />
      </IconButton>
    </Tooltip>
  );

  return (
    <Box sx={{ display: 'flex', height: '100dvh', flexDirection: 'column' }}>
      <AppBar position="static" elevation={1}>
        <Toolbar sx={{ gap: 1 }}>
          {!wide && (
            <IconButton color="inherit" edge="start" aria-label={t('openRooms')} onClick={() => setRoomsOpen(true)}>
              <MenuIcon />
            </IconButton>
          )}
          <Typography variant="h6" component="h1" noWrap sx={{ flex: 1, minWidth: 0 }}>
            {room ? roomTitle(room, me?.name, me?.username) : t('appName')}
            {room && wide && online !== undefined && (
              <Typography component="span" variant="body2" sx={{ ml: 1.5, opacity: 0.85 }}>
                {t('onlineCount', { count: online })}
              </Typography>
            )}
          </Typography>
          <SearchBox compact={!wide} shortcuts={!searchOpen} onSearch={search} onOpen={openSearch} />
          <ConnectionStatus />
          {room && <PinnedMessages roomId={room.id} />}
          {room?.joined && <NotificationMenu roomId={room.id} />}
          {room && <RoomSettingsButton roomId={room.id} />}
          {wide && <StatusSwitch />}
          {room && !veryWide && (
            <Tooltip title={t('showMembers')}>
              <IconButton color="inherit" aria-label={t('showMembers')} onClick={() => setMembersOpen(true)}>
                <PeopleIcon />
              </IconButton>
            </Tooltip>
          )}
          {/* on a phone the bar keeps the room's name: status, two-step setup, privacy, administration and sign-out are in the rooms drawer */}
          {wide && <PreferencesBar color="inherit" />}
          {wide && secondFactor}
          {wide && <PrivacyEntry color="inherit" onOpen={privacy.open} />}
          {wide && <AdminEntry color="inherit" />}
          {wide && (
            <Button color="inherit" onClick={() => void auth.signOut()} startIcon={<LogoutIcon />}>
              {t('signOut')}
            </Button>
          )}
        </Toolbar>
      </AppBar>
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        {wide ? (
          <Box sx={{ width: ROOMS_WIDTH, flex: 'none', borderRight: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>{rooms}</Box>
        ) : (
          <Drawer open={roomsOpen} onClose={() => setRoomsOpen(false)} slotProps={{ paper: { sx: { width: 'min(320px, 88vw)' } } }}>
            {rooms}
            <Stack direction="row" sx={{ p: 1, borderTop: 1, borderColor: 'divider', alignItems: 'center', gap: 1 }}>
              <StatusSwitch />
              <Box sx={{ flex: 1 }} />
              <PreferencesBar />
              {secondFactor}
              <PrivacyEntry
                onOpen={() => {
                  setRoomsOpen(false);
                  privacy.open();
                }}
              />
              <AdminEntry />
              <Tooltip title={t('signOut')}>
                <IconButton aria-label={t('signOut')} onClick={() => void auth.signOut()}>
                  <LogoutIcon />
                </IconButton>
              </Tooltip>
            </Stack>
          </Drawer>
        )}
        <Box component="main" sx={{ flex: 1, display: 'flex', minWidth: 0, minHeight: 0 }}>
          <ChatArea />
        </Box>
        {room &&
          (veryWide ? (
            <Box component="aside" aria-label={t('members')} sx={{ width: MEMBERS_WIDTH, flex: 'none', borderLeft: 1, borderColor: 'divider', overflowY: 'auto', bgcolor: 'background.paper' }}>
              <MemberList roomId={room.id} />
            </Box>
          ) : (
            <Drawer anchor="right" open={membersOpen} onClose={() => setMembersOpen(false)} slotProps={{ paper: { sx: { width: 'min(280px, 80vw)' } } }}>
              <MemberList roomId={room.id} />
            </Drawer>
          ))}
      </Box>
      <SearchPanel open={searchOpen} request={searchRequest} onClose={() => setSearchOpen(false)} />
      <BannedNotice />
      {privacy.dialog}
    </Box>
  );
}
