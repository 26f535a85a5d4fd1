import { useState } from 'react';
import { Box, Button, Stack, Typography } from '@mui/material';
import type { Message } from '../api/types';
import { useT } from '../i18n/I18n';
import { roomTitle } from '../rooms/roomTitle';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { ThreadPanel } from './ThreadPanel';
import { TypingIndicator } from './TypingIndicator';
import { useChat, useChatController } from './useChat';

export function ChatArea() {
  const t = useT();
  const controller = useChatController();
  const roomId = useChat((s) => s.activeRoomId);
  const room = useChat((s) => (s.activeRoomId ? s.rooms[s.activeRoomId] : undefined));
  const me = useChat((s) => s.me);
  const [replyTo, setReplyTo] = useState<Message>();
  const [thread, setThread] = useState<Message>();
  const inRoom = (m?: Message) => (m && m.roomId === roomId ? m : undefined);
  if (!roomId || !room) {
    return (
      <Box sx={{ flex: 1, display: 'grid', placeItems: 'center', p: 3 }}>
        <Typography color="text.secondary">{t('pickRoom')}</Typography>
      </Box>
    );
  }
  return (
    <Box component="section" aria-label={roomTitle(room, me?.name, me?.username)} sx={{ flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0 }}>
      <MessageList key={`list-${roomId}`} roomId={roomId} onReply={room.joined ? setReplyTo : undefined} onOpenThread={setThread} />
      <TypingIndicator roomId={roomId} />
      {room.joined ? (
        <Composer key={`composer-${roomId}`} roomId={roomId} replyTo={inRoom(replyTo)} onCancelReply={() => setReplyTo(undefined)} />
      ) : (
        <Stack direction="row" spacing={2} sx={{ p: 2, alignItems: 'center', borderTop: 1, borderColor: 'divider' }}>
          <Typography sx={{ flex: 1 }}>{t('joinToWrite')}</Typography>
          <Button variant="contained" onClick={() => void controller.join(roomId)}>
            {t('join')}
          </Button>
        </Stack>
      )}
      {inRoom(thread) && <ThreadPanel root={thread!} onClose={() => setThread(undefined)} />}
    </Box>
  );
}
