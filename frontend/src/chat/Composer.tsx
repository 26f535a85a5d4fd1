import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { Alert, Box, IconButton, List, ListItemButton, ListItemText, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import AttachFileIcon from '@mui/icons-material/AttachFile';
import CloseIcon from '@mui/icons-material/Close';
import SendIcon from '@mui/icons-material/Send';
import type { Message } from '../api/types';
import { UploadChip } from '../files/UploadChip';
import { useUploads } from '../files/useUploads';
import { useI18n } from '../i18n/I18n';
import { formatInstant } from '../moderation/moderation';
import { useMutedUntil } from '../moderation/useMutedUntil';
import type { PendingMessage } from './ChatStore';
import { TypingSignal } from './TypingSignal';
import { useChat, useChatController } from './useChat';
import { insertMention, mentionCandidates, mentionQuery } from './mentionQuery';
import { messagePreview } from './plainText';

const noMembers: never[] = [];
const noPending: PendingMessage[] = [];

const MAX_LENGTH = 4000;

/** What the composer offers its surroundings: files dropped on the chat area go to its next message. */
export interface ComposerHandle {
  addFiles(files: File[]): void;
}

/** Files on the clipboard, unless it holds text too (cells copied from a spreadsheet come with a picture of them). */
function pastedFiles(e: ClipboardEvent): File[] {
  const data = e.clipboardData;
  if (!data || data.types.includes('text/plain')) return [];
  return Array.from(data.files ?? []);
}

interface Props {
  roomId: string;
  /** the message this one answers, shown above the box until sent or cancelled */
  replyTo?: Message;
  onCancelReply?: () => void;
  /** in a thread panel: every message answers the thread's root */
  label?: string;
  ref?: Ref<ComposerHandle>;
}

/**
 * The message box: Enter sends, Shift+Enter starts a new line. Files (picked with the paperclip,
 * pasted, or dropped on the chat area) upload at once and go with the next message.
 */
export function Composer({ roomId, replyTo, onCancelReply, label, ref }: Props) {
  const { t, locale } = useI18n();
  const controller = useChatController();
  const [text, setText] = useState('');
  const mutedUntil = useMutedUntil(roomId);
  const muted = mutedUntil !== undefined;
  /** why the server refused what was just sent (muted), shown by the box the draft went back to */
  const [refusal, setRefusal] = useState<string>();
  /** messages this box sent: a refused one comes back here, not to another composer of the room */
  const sent = useRef(new Set<string>());
  const pending = useChat((s) => s.pending[roomId] ?? noPending);
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
  // where the caret goes once a picked mention is in the box: placed as the new text is committed,
  // before the next key is handled (a frame later, fast typing landed before the caret moved)
  const caretAfterPick = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const caret = caretAfterPick.current;
    if (caret === undefined) return;
    caretAfterPick.current = undefined;
    input.current?.focus();
    input.current?.setSelectionRange(caret, caret);
  }, [text]);
  const picker = useRef<HTMLInputElement>(null);
  const uploads = useUploads(useCallback((file, onProgress) => controller.upload(roomId, file, onProgress), [controller, roomId]));
  useImperativeHandle(
    ref,
    () => ({
      addFiles: (files: File[]) => {
        if (!muted) uploads.add(files); // a muted user could send nothing with them
      },
    }),
    [uploads.add, muted],
  );
  // sending waits for no upload: it is not offered until they are all done
  const canSend = !muted && !uploads.uploading && (!!text.trim() || uploads.uploaded.length > 0);
  // a message refused because the user is muted: its text goes back into the box, not into the list as failed
  useEffect(() => {
    for (const p of pending) {
      if (p.status !== 'failed' || p.code !== 'muted' || !sent.current.has(p.clientMsgId)) continue;
      sent.current.delete(p.clientMsgId);
      setText((current) => (current ? `${p.text}\n${current}` : p.text));
      setRefusal(p.error || t('somethingWrong'));
      controller.discard(roomId, p.clientMsgId);
    }
  }, [pending, controller, roomId, t]);
  // the note on the mute says it all (and once the mute is over, the refusal is old news)
  useEffect(() => setRefusal(undefined), [muted]);
  // choosing a message to answer puts the cursor where the answer goes
  useEffect(() => {
    if (replyTo) input.current?.focus();
  }, [replyTo]);

  function send(e?: FormEvent) {
    e?.preventDefault();
    if (!canSend) return;
    signal.stop();
    setRefusal(undefined);
    const id = controller.send(roomId, text.trim(), replyTo?.seq, uploads.uploaded);
    if (id) sent.current.add(id);
    setText('');
    uploads.clear();
    onCancelReply?.();
  }

  function pick(name: string) {
    const next = insertMention(text, input.current?.selectionStart ?? text.length, name);
    caretAfterPick.current = next.caret;
    setText(next.text);
    setQuery(undefined);
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
          {t('replyingTo', { name: replyTo.senderName ?? '' })}: {messagePreview(replyTo)}
        </Typography>
        <IconButton size="small" aria-label={t('cancelReply')} onClick={onCancelReply}>
          <CloseIcon fontSize="small" />
        </IconButton>
      </Stack>
    )}
    {muted && (
      <Alert severity="warning" role="status" data-testid="muted-note" sx={{ mx: 1.5, mt: 1 }}>
        {t('mutedUntil', { time: formatInstant(mutedUntil, locale) })}
      </Alert>
    )}
    {refusal && !muted && (
      <Alert severity="error" data-testid="send-refused" sx={{ mx: 1.5, mt: 1 }} onClose={() => setRefusal(undefined)}>
        {refusal}
      </Alert>
    )}
    {uploads.items.length > 0 && (
      <Stack
        component="ul"
        direction="row"
        useFlexGap
        aria-label={t('filesToSend')}
        sx={{ flexWrap: 'wrap', gap: 1, m: 0, px: 1.5, pt: 1, pb: 0 }}
      >
        {uploads.items.map((item) => (
          <UploadChip key={item.key} item={item} onRemove={() => uploads.remove(item.key)} />
        ))}
      </Stack>
    )}
    <Stack component="form" direction="row" spacing={1} onSubmit={send} sx={{ p: 1.5, alignItems: 'flex-end' }}>
      <input
        ref={picker}
        type="file"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          uploads.add(Array.from(e.target.files ?? []));
          e.target.value = ''; // the same file may be chosen again
        }}
      />
      <Tooltip disableInteractive title={t('attachFiles')}>
        <IconButton aria-label={t('attachFiles')} onClick={() => picker.current?.click()} size="large" disabled={muted}>
          <AttachFileIcon />
        </IconButton>
      </Tooltip>
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
        onPaste={(e) => {
          const files = pastedFiles(e);
          if (files.length === 0) return;
          e.preventDefault();
          uploads.add(files);
        }}
        onBlur={() => {
          signal.stop();
          setQuery(undefined);
        }}
        multiline
        maxRows={6}
        fullWidth
        disabled={muted}
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
      <IconButton type="submit" color="primary" aria-label={t('send')} disabled={!canSend} size="large">
        <SendIcon />
      </IconButton>
    </Stack>
    </Box>
  );
}
