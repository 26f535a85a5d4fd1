import { useEffect, useState } from 'react';
import { Box, Dialog, DialogContent, DialogTitle, IconButton, Tooltip, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import PushPinIcon from '@mui/icons-material/PushPinOutlined';
import type { Message } from '../api/types';
import { useT } from '../i18n/I18n';
import { MessageItem } from '../chat/MessageItem';
import { useChat, useChatController } from '../chat/useChat';

/** The room's pinned messages, most recently pinned first, as they are now. */
export function PinnedMessages({ roomId }: { roomId: string }) {
  const t = useT();
  const controller = useChatController();
  const me = useChat((s) => s.me);
  const role = useChat((s) => s.rooms[roomId]?.role);
  // a pin or unpin anywhere changes a message of the timeline: ask again when one does
  const pinnedSeqs = useChat((s) => (s.timelines[roomId]?.messages ?? []).filter((m) => m.pinned).map((m) => m.seq).join(','));
  const [open, setOpen] = useState(false);
  const [pins, setPins] = useState<Message[]>();

  useEffect(() => {
    if (!open) return;
    let current = true;
    void controller
      .pins(roomId)
      .then((found) => current && setPins(found))
      .catch(() => current && setPins([]));
    return () => {
      current = false;
    };
  }, [open, controller, roomId, pinnedSeqs]);

  return (
    <>
      <Tooltip title={t('pinnedMessages')}>
        <IconButton color="inherit" aria-label={t('pinnedMessages')} onClick={() => setOpen(true)}>
          <PushPinIcon />
        </IconButton>
      </Tooltip>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm" aria-labelledby={`pins-title-${roomId}`}>
        <DialogTitle id={`pins-title-${roomId}`} sx={{ pr: 6 }}>
          {t('pinnedMessages')}
          <IconButton aria-label={t('close')} onClick={() => setOpen(false)} sx={{ position: 'absolute', right: 8, top: 8 }}>
            <CloseIcon />
          </IconButton>
        </DialogTitle>
        <DialogContent dividers sx={{ px: 0 }}>
          {pins?.length === 0 && (
            <Typography color="text.secondary" sx={{ px: 3 }}>
              {t('noPins')}
            </Typography>
          )}
          <Box component="ul" data-testid="pins" sx={{ m: 0, p: 0 }}>
            {pins?.map((m) => (
              <MessageItem
                key={m.seq}
                message={m}
                sender={m.senderName ?? ''}
                text={m.text}
                at={m.createdAt}
                own={m.senderId === me?.id}
                moderates={role === 'owner' || role === 'moderator'}
              />
            ))}
          </Box>
        </DialogContent>
      </Dialog>
    </>
  );
}
