import { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Drawer, IconButton, Stack, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import type { Message } from '../api/types';
import { DropOverlay, useFileDrop } from '../files/FileDrop';
import { useT } from '../i18n/I18n';
import { mergeBySeq } from './ChatStore';
import { Composer, type ComposerHandle } from './Composer';
import { MessageItem } from './MessageItem';
import { useChat, useChatController } from './useChat';

const noMessages: Message[] = [];

/** A thread: its root and every reply, live; what is written here answers the root. */
export function ThreadPanel({ root, onClose }: { root: Message; onClose: () => void }) {
  const t = useT();
  const controller = useChatController();
  const me = useChat((s) => s.me);
  const role = useChat((s) => s.rooms[root.roomId]?.role);
  const timeline = useChat((s) => s.timelines[root.roomId]?.messages ?? noMessages);
  const [fetched, setFetched] = useState<Message[]>([]);
  const composer = useRef<ComposerHandle>(null);
  const drop = useFileDrop((files) => composer.current?.addFiles(files));

  useEffect(() => {
    let current = true;
    void controller
      .thread(root.roomId, root.seq)
      .then((replies) => current && setFetched(replies))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [controller, root.roomId, root.seq, root.replyCount]);

  // replies arrive live in the room's timeline; the page fetched holds those sent before it was loaded
  const liveRoot = timeline.find((m) => m.seq === root.seq) ?? root;
  const replies = useMemo(
    () => mergeBySeq(fetched, timeline.filter((m) => m.replyTo?.seq === root.seq)),
    [fetched, timeline, root.seq],
  );
  const moderates = role === 'owner' || role === 'moderator';
  const item = (m: Message) => (
    <MessageItem
      key={m.seq}
      message={m}
      sender={m.senderName ?? ''}
      text={m.text}
      at={m.createdAt}
      own={m.senderId === me?.id}
      moderates={moderates}
    />
  );

  return (
    <Drawer
      anchor="right"
      open
      onClose={onClose}
      slotProps={{ paper: { sx: { width: 'min(480px, 100vw)' }, 'aria-labelledby': `thread-title-${root.roomId}` } as object }}
    >
      <Box
        component="section"
        aria-label={t('thread')}
        {...drop.handlers}
        sx={{ display: 'flex', flexDirection: 'column', height: '100%', position: 'relative' }}
      >
        {drop.over && <DropOverlay />}
        <Stack direction="row" sx={{ alignItems: 'center', px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
          <Typography variant="h6" component="h2" id={`thread-title-${root.roomId}`} sx={{ flex: 1 }}>
            {t('thread')}
          </Typography>
          <IconButton aria-label={t('close')} onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </Stack>
        <Box component="ul" data-testid="thread" sx={{ m: 0, p: 0, py: 1, flex: 1, overflowY: 'auto' }}>
          {item(liveRoot)}
          {replies.map(item)}
        </Box>
        <Composer ref={composer} roomId={root.roomId} replyTo={liveRoot} label={t('replyInThread')} />
      </Box>
    </Drawer>
  );
}
