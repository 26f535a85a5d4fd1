import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Box, IconButton, List, ListItemButton, ListItemText, Paper, Stack, TextField, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import SendIcon from '@mui/icons-material/Send';
import type { Message } from '../api/types';
import { useT } from '../i18n/I18n';
import { TypingSignal } from './TypingSignal';
import { useChat, useChatController } from './useChat';
import { insertMention, mentionCandidates, mentionQuery } from './mentionQuery';
import { plainText } from './plainText';

const noMembers: never[] = [];

const MAX_LENGTH = 4000;

interface Props {
  roomId: string;
  /** the message this one answers, shown above the box until sent or cancelled */
  replyTo?: Message;
  onCancelReply?: () => void;
  /** in a thread panel: every message answers the thread's root */
  label?: string;
}

/** The message box: Enter sends, Shift+Enter starts a new line. */
export function Composer({ roomId, replyTo, onCancelReply, label }: Props) {
  const t = useT();
  const controller = useChatController();
  const [text, setText] = useState('');
  const [query, setQuery] = useState<string>();
  const [active, setActive] = useState(0);
  const members = useChat((s) => s.rooms[roomId]?.members ?? noMembers);
  const meId = useChat((s) => s.me?.id);
  const role = useChat((s) => s.rooms[roomId]?.role);
  const candidates = useMemo(
    () => (query === undefined ? [] : mentionCandidates(query, members, meId, role === 'owner' || role === 'moderator')),
    [query, members, meId, role],
  );
  const signal = useMemo(() => new TypingSignal((typing) => controller.typing(roomId, typing)), [controller, roomId]);
  useEffect(() => () => signal.stop(), [signal]);
  const input = useRef<HTMLInputElement>(null);
  // choosing a message to answer puts the cursor where the answer goes
  useEffect(() => {
    if (replyTo) input.current?.focus();
  }, [replyTo]);

  function send(e?: FormEvent) {
    e?.preventDefault();
    const value = text.trim();
    if (!value) return;
    signal.stop();
    controller.send(roomId, value, replyTo?.seq);
    setText('');
    onCancelReply?.();
  }

  function pick(name: string) {
    const el = input.current;
    const next = insertMention(text, el?.selectionStart ?? text.length, name);
    setText(next.text);
    setQuery(undefined);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  }

  function onKeyDown(e: KeyboardEvent) {
    if (candidates.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : candidates.length - 1)) % candidates.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pick(candidates[Math.min(active, candidates.length - 1)]);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setQuery(undefined);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  }

  return (
    <Box sx={{ borderTop: 1, borderColor: 'divider', position: 'relative' }}>
    {candidates.length > 0 && (
      <Paper elevation={4} sx={{ position: 'absolute', bottom: '100%', left: 12, minWidth: 220, zIndex: 2 }}>
        <List dense role="listbox" id={`mentions-${roomId}`} aria-label={t('suggestions')}>
          {candidates.map((name, i) => (
            <ListItemButton
              key={name}
              id={`mention-${roomId}-${name}`}
              role="option"
              aria-selected={i === active}
              selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(name)}
            >
              <ListItemText primary={`@${name}`} />
            </ListItemButton>
          ))}
        </List>
      </Paper>
    )}
    {replyTo && onCancelReply && (
      <Stack direction="row" spacing={1} sx={{ px: 1.5, pt: 1, alignItems: 'center' }} data-testid="replying-to">
        <Typography variant="caption" sx={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {t('replyingTo', { name: replyTo.senderName ?? '' })}: {plainText(replyTo.text)}
        </Typography>
        <IconButton size="small" aria-label={t('cancelReply')} onClick={onCancelReply}>
          <CloseIcon fontSize="small" />
        </IconButton>
      </Stack>
    )}
    <Stack component="form" direction="row" spacing={1} onSubmit={send} sx={{ p: 1.5, alignItems: 'flex-end' }}>
      <TextField
        label={label ?? t('message')}
        inputRef={input}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setQuery(mentionQuery(e.target.value, e.target.selectionStart ?? e.target.value.length));
          setActive(0);
          if (e.target.value) signal.input();
          else signal.stop();
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          signal.stop();
          setQuery(undefined);
        }}
        multiline
        maxRows={6}
        fullWidth
        size="small"
        slotProps={{
          htmlInput: {
            maxLength: MAX_LENGTH,
            'aria-autocomplete': 'list',
            'aria-controls': candidates.length > 0 ? `mentions-${roomId}` : undefined,
            'aria-activedescendant': candidates.length > 0 ? `mention-${roomId}-${candidates[Math.min(active, candidates.length - 1)]}` : undefined,
          },
        }}
      />
      <IconButton type="submit" color="primary" aria-label={t('send')} disabled={!text.trim()} size="large">
        <SendIcon />
      </IconButton>
    </Stack>
    </Box>
  );
}
