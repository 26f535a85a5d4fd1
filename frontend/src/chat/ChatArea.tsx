import { useRef, useState } from 'react';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import type { Message } from '../api/types';
import { DropOverlay, useFileDrop } from '../files/FileDrop';
import { useT } from '../i18n/I18n';
import { joinErrorText } from '../rooms/joinError';
import { roomTitle } from '../rooms/roomTitle';
import { Composer, type ComposerHandle } from './Composer';
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
  const [joinError, setJoinError] = useState<{ roomId: string; text: string }>();
  const composer = useRef<ComposerHandle>(null);
  // files dropped anywhere on the room go to the composer's next message (only where one may write)
  const drop = useFileDrop(room?.joined ? (files) => composer.current?.addFiles(files) : undefined);
  const inRoom = (m?: Message) => (m && m.roomId === roomId ? m : undefined);
  if (!roomId || !room) {
    return (
      <Box sx={{ flex: 1, display: 'grid', placeItems: 'center', p: 3 }}>
        <Typography color="text.secondary">{t('pickRoom')}</Typography>
      </Box>
    );
  }
  return (
    <Box
      component="section"
      aria-label={roomTitle(room, me?.name, me?.username)}
      data-testid="chat-area"
      {...drop.handlers}
      sx={{ flex: 1, display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0, position: 'relative' }}
    >
      {drop.over && <DropOverlay />}
      <MessageList key={`list-${roomId}`} roomId={roomId} onReply={room.joined ? setReplyTo : undefined} onOpenThread={setThread} />
      <TypingIndicator roomId={roomId} />
      {room.joined ? (
        <Composer key={`composer-${roomId}`} ref={composer} roomId={roomId} replyTo={inRoom(replyTo)} onCancelReply={() => setReplyTo(undefined)} />
      ) : (
        <Box sx={{ p: 2, borderTop: 1, borderColor: 'divider' }}>
          {joinError?.roomId === roomId && (
            <Alert severity="error" sx={{ mb: 1 }}>
              {joinError.text}
            </Alert>
          )}
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <Typography sx={{ flex: 1 }}>{t('joinToWrite')}</Typography>
            <Button
              variant="contained"
              onClick={() => {
                setJoinError(undefined);
                void controller.join(roomId).catch((err: unknown) => setJoinError({ roomId, text: joinErrorText(err, t) }));
              }}
            >
              {t('join')}
            </Button>
          </Stack>
        </Box>
      )}
      {inRoom(thread) && <ThreadPanel root={thread!} onClose={() => setThread(undefined)} />}
    </Box>
  );
}
