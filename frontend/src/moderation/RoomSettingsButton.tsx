import { useState } from 'react';
import { IconButton, Tooltip } from '@mui/material';
import SettingsIcon from '@mui/icons-material/SettingsOutlined';
import { useChat } from '../chat/useChat';
import { useT } from '../i18n/I18n';
import { moderates } from './moderation';
import { RoomSettingsDialog } from './RoomSettingsDialog';

/** The room header's way into its settings, for the owner and moderators only. */
export function RoomSettingsButton({ roomId }: { roomId: string }) {
  const t = useT();
  const room = useChat((s) => s.rooms[roomId]);
  const [open, setOpen] = useState(false);
  if (!moderates(room)) return null;
  return (
    <>
      <Tooltip title={t('roomSettings')}>
        <IconButton color="inherit" aria-label={t('roomSettings')} onClick={() => setOpen(true)}>
          <SettingsIcon />
        </IconButton>
      </Tooltip>
      {open && <RoomSettingsDialog roomId={roomId} open onClose={() => setOpen(false)} />}
    </>
  );
}
