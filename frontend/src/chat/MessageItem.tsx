import { lazy, Suspense, useState, type KeyboardEvent } from 'react';
import {
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  Menu,
  MenuItem,
  Popover,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import AddReactionIcon from '@mui/icons-material/AddReactionOutlined';
import CheckIcon from '@mui/icons-material/Check';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import EditIcon from '@mui/icons-material/EditOutlined';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import PushPinIcon from '@mui/icons-material/PushPinOutlined';
import ReplyIcon from '@mui/icons-material/ReplyOutlined';
import ScheduleIcon from '@mui/icons-material/Schedule';
import type { FileInfo, Message, Reaction } from '../api/types';
import { MessageAttachments } from '../files/MessageAttachments';
import { useI18n } from '../i18n/I18n';
import { mentions, reactedBy } from './ChatStore';
import { MessageText } from './MessageText';
import { plainText } from './plainText';

/** What the server calls the author of an erased account's messages (and of quotes of them). */
export const ERASED_SENDER = 'Deleted user';
import { useChat, useChatController } from './useChat';

// The full picker is large (every emoji and its names): fetched the first time someone asks for it.
const AllEmojiPicker = lazy(() => import('./AllEmojiPicker').then((m) => ({ default: m.AllEmojiPicker })));

export type Delivery = 'sending' | 'sent' | 'failed';

/** The emoji offered first; the full picker offers the rest (the server accepts any single emoji). */
export const EMOJI = ['👍', '❤️', '😂', '🎉', '😮', '😢', '🙏', '👀', '🔥', '✅', '👏', '🚀', '💯', '🤔', '😄', '👎'];

interface Props {
  /** A stored message: its actions, reactions and marks. Pending messages have none. */
  message?: Message;
  sender: string;
  text: string;
  /** a pending message's files (a stored message's come with it) */
  attachments?: FileInfo[];
  at: string;
  own: boolean;
  delivery?: Delivery;
  error?: string;
  onRetry?: () => void;
  /** the viewer owns or moderates the room: deletes others' messages, pins */
  moderates?: boolean;
  onReply?: (message: Message) => void;
  onOpenThread?: (message: Message) => void;
  /** the message jumped to (from a search result): highlighted for a moment, focusable */
  focused?: boolean;
}

/**
 * One message. Its text is Markdown rendered by a sanitizing renderer: no HTML from anyone is
 * ever interpreted. Actions appear on hover and on keyboard focus.
 */
export function MessageItem({ message, sender, text, attachments, at, own, delivery, error, onRetry, moderates, onReply, onOpenThread, focused }: Props) {
  const { t, locale } = useI18n();
  // the server names an erased account in English; people read it in their language
  const senderLabel = (name: string) => (name === ERASED_SENDER ? t('deletedUser') : name);
  const controller = useChatController();
  const meId = useChat((s) => s.me?.id);
  const members = useChat((s) => (message ? s.rooms[message.roomId]?.members : undefined));
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(text);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [picker, setPicker] = useState<HTMLElement | null>(null);
  const [allEmoji, setAllEmoji] = useState<HTMLElement | null>(null);
  const time = new Date(at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const deleted = !!message?.deleted;
  const live = message && !deleted;
  const namesMe = !!live && !own && mentions(message, meId);
  const files = deleted ? [] : (message?.attachments ?? attachments ?? []);

  const nameOf = (id: string) => (id === meId ? t('you') : members?.find((m) => m.id === id)?.displayName ?? members?.find((m) => m.id === id)?.username ?? '…');
  const react = (emoji: string, on: boolean) => message && void controller.react(message.roomId, message.seq, emoji, on).catch(() => undefined);

  function saveEdit() {
    const value = draft.trim();
    if (message && value && value !== message.text) void controller.edit(message.roomId, message.seq, value).catch(() => undefined);
    setEditing(false);
  }

  function onEditKey(e: KeyboardEvent) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      saveEdit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setEditing(false);
    }
  }

  return (
    <Box
      component="li"
      data-testid="message"
      data-seq={message?.seq}
      data-delivery={delivery}
      data-focused={focused || undefined}
      tabIndex={focused ? -1 : undefined}
      sx={{
        listStyle: 'none',
        display: 'flex',
        flexDirection: 'column',
        alignItems: own ? 'flex-end' : 'flex-start',
        px: 2,
        py: 0.5,
        '& .message-actions': { opacity: 0 },
        '&:hover .message-actions, &:focus-within .message-actions': { opacity: 1 },
        '@media (hover: none)': { '& .message-actions': { opacity: 1 } }, // touch: no hover to reveal them
        ...(focused && {
          outline: 'none',
          // a flash that fades, then a quiet mark of the message jumped to
          animation: 'blau-jumped 2.5s ease-out',
          boxShadow: (theme) => `inset 3px 0 0 ${theme.palette.secondary.main}`,
          '@keyframes blau-jumped': {
            from: { backgroundColor: 'rgba(255, 213, 79, 0.55)' },
            to: { backgroundColor: 'transparent' },
          },
          '@media (prefers-reduced-motion: reduce)': { animation: 'none', bgcolor: 'action.selected' },
        }),
      }}
    >
      <Stack direction={own ? 'row-reverse' : 'row'} spacing={0.5} sx={{ alignItems: 'flex-start', maxWidth: '100%' }}>
        <Box
          sx={{
            maxWidth: 'min(620px, 85vw)',
            minWidth: 0,
            px: 1.5,
            py: 1,
            borderRadius: 2,
            bgcolor: own ? 'primary.main' : 'background.paper',
            color: own ? 'primary.contrastText' : 'text.primary',
            boxShadow: 1,
            opacity: delivery === 'sending' ? 0.8 : 1,
            border: delivery === 'failed' ? '2px solid' : undefined,
            borderColor: 'error.main',
            borderLeft: namesMe ? '4px solid' : undefined,
            borderLeftColor: namesMe ? 'secondary.main' : undefined,
          }}
          data-mentions-me={namesMe || undefined}
          aria-description={namesMe ? t('mentionsYou') : undefined}
        >
          {!own && (
            <Typography variant="subtitle2" component="div" sx={{ fontWeight: 700 }}>
              {senderLabel(sender)}
            </Typography>
          )}
          {message?.replyTo && (
            <Box data-testid="reply-quote" sx={{ borderLeft: '3px solid', borderColor: 'currentcolor', pl: 1, mb: 0.5, opacity: 0.9 }}>
              <Typography variant="caption" component="div" sx={{ fontWeight: 700 }}>
                {senderLabel(message.replyTo.senderName ?? '')}
              </Typography>
              <Typography variant="caption" component="div" sx={{ overflowWrap: 'anywhere' }}>
                {plainText(message.replyTo.excerpt)}
              </Typography>
            </Box>
          )}
          {deleted ? (
            <Typography variant="body2" component="div" data-testid="message-deleted" sx={{ fontStyle: 'italic' }}>
              {t('deletedMessage')}
            </Typography>
          ) : editing ? (
            <Stack spacing={1} sx={{ minWidth: 'min(420px, 70vw)', bgcolor: 'background.paper', borderRadius: 1, p: 1 }}>
              <TextField
                label={t('editMessage')}
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                onKeyDown={onEditKey}
                multiline
                maxRows={8}
                autoFocus
                size="small"
                slotProps={{ htmlInput: { maxLength: 4000 } }}
              />
              <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
                <Button size="small" onClick={() => setEditing(false)}>
                  {t('cancel')}
                </Button>
                <Button size="small" variant="contained" onClick={saveEdit} disabled={!draft.trim()}>
                  {t('save')}
                </Button>
              </Stack>
            </Stack>
          ) : (
            // a message of files only has no text to show
            (text || files.length === 0) && <MessageText text={text} />
          )}
          {files.length > 0 && <MessageAttachments files={files} />}
          <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', justifyContent: 'flex-end', mt: 0.25 }}>
            {message?.pinned && <PushPinIcon sx={{ fontSize: 14 }} titleAccess={t('pinned')} />}
            {message?.editedAt && !deleted && (
              <Typography variant="caption" data-testid="edited" sx={{ opacity: 0.85 }}>
                ({t('edited')})
              </Typography>
            )}
            <Typography variant="caption" component="time" dateTime={at} sx={{ opacity: 0.85 }}>
              {time}
            </Typography>
            {delivery === 'sending' && <ScheduleIcon sx={{ fontSize: 14 }} titleAccess={t('sending')} />}
            {delivery === 'sent' && <CheckIcon sx={{ fontSize: 14 }} titleAccess={t('sent')} />}
            {delivery === 'failed' && <ErrorOutlineIcon sx={{ fontSize: 14 }} titleAccess={t('failed')} />}
          </Stack>
          {delivery === 'failed' && (
            <Typography variant="caption" component="div" sx={{ fontWeight: 700 }}>
              {error ? `${t('failed')}: ${error}` : t('failed')}
            </Typography>
          )}
        </Box>
        {live && !editing && (
          <Stack direction="row" className="message-actions" role="toolbar" aria-label={t('messageActions')} sx={{ alignSelf: 'center' }}>
            <Tooltip disableInteractive title={t('react')}>
              <IconButton size="small" aria-label={t('react')} onClick={(e) => setPicker(e.currentTarget)}>
                <AddReactionIcon fontSize="small" />
              </IconButton>
            </Tooltip>
            {onReply && (
              <Tooltip disableInteractive title={t('reply')}>
                <IconButton size="small" aria-label={t('reply')} onClick={() => onReply(message)}>
                  <ReplyIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            )}
            {own && (
              <Tooltip disableInteractive title={t('edit')}>
                <IconButton
                  size="small"
                  aria-label={t('edit')}
                  onClick={() => {
                    setDraft(message.text);
                    setEditing(true);
                  }}
                >
                  <EditIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            )}
            {moderates && (
              <Tooltip disableInteractive title={message.pinned ? t('unpin') : t('pin')}>
                <IconButton
                  size="small"
                  aria-label={message.pinned ? t('unpin') : t('pin')}
                  aria-pressed={!!message.pinned}
                  onClick={() => void controller.pin(message.roomId, message.seq, !message.pinned).catch(() => undefined)}
                >
                  <PushPinIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            )}
            {(own || moderates) && (
              <Tooltip disableInteractive title={t('delete')}>
                <IconButton size="small" aria-label={t('delete')} onClick={() => setConfirmDelete(true)}>
                  <DeleteIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            )}
          </Stack>
        )}
      </Stack>
      {live && (message.reactions?.length ?? 0) > 0 && (
        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5 }} data-testid="reactions">
          {message.reactions!.map((r: Reaction) => {
            const mine = reactedBy(r, meId);
            const names = r.userIds.map(nameOf).join(', ');
            return (
              <Tooltip disableInteractive key={r.emoji} title={t('reactedBy', { emoji: r.emoji, names })}>
                <Button
                  size="small"
                  variant={mine ? 'contained' : 'outlined'}
                  color={mine ? 'primary' : 'inherit'}
                  aria-pressed={mine}
                  aria-label={t('toggleReaction', { emoji: r.emoji, count: r.count, names })}
                  onClick={() => react(r.emoji, !mine)}
                  sx={{ minWidth: 0, px: 1, py: 0, borderRadius: 4, textTransform: 'none' }}
                >
                  {r.emoji} {r.count}
                </Button>
              </Tooltip>
            );
          })}
        </Stack>
      )}
      {message && !deleted && (message.replyCount ?? 0) > 0 && onOpenThread && (
        <Button size="small" onClick={() => onOpenThread(message)} sx={{ textTransform: 'none', mt: 0.25 }} data-testid="open-thread">
          {message.replyCount === 1 ? t('oneReply') : t('replies', { count: message.replyCount ?? 0 })}
        </Button>
      )}
      {delivery === 'failed' && onRetry && (
        <Button size="small" color="error" onClick={onRetry} sx={{ mt: 0.5 }}>
          {t('retry')}
        </Button>
      )}
      <Menu
        anchorEl={picker}
        open={!!picker}
        onClose={() => setPicker(null)}
        // every emoji a menu item: reachable with the arrow keys, and what a menu may hold
        slotProps={{ list: { 'aria-label': t('chooseEmoji'), sx: { display: 'grid', gridTemplateColumns: 'repeat(8, 40px)', px: 1 } } }}
      >
        {EMOJI.map((emoji) => (
          <MenuItem
            key={emoji}
            aria-label={emoji}
            onClick={() => {
              setPicker(null);
              react(emoji, true);
            }}
            sx={{ fontSize: 20, width: 40, height: 40, minHeight: 40, p: 0, justifyContent: 'center', borderRadius: '50%' }}
          >
            {emoji}
          </MenuItem>
        ))}
        <MenuItem
          onClick={() => {
            setAllEmoji(picker); // the full picker opens where the quick one was
            setPicker(null);
          }}
          sx={{ gridColumn: '1 / -1', justifyContent: 'center' }}
        >
          {t('moreEmoji')}
        </MenuItem>
      </Menu>
      <Popover
        anchorEl={allEmoji}
        open={!!allEmoji}
        onClose={() => setAllEmoji(null)}
        slotProps={{ paper: { role: 'dialog', 'aria-label': t('allEmoji') } }}
      >
        <Suspense
          fallback={
            <Box sx={{ width: 'min(350px, calc(100vw - 32px))', height: 420, display: 'grid', placeItems: 'center' }}>
              <CircularProgress size={24} aria-label={t('loadingEmoji')} />
            </Box>
          }
        >
          <AllEmojiPicker
            onPick={(emoji) => {
              setAllEmoji(null);
              react(emoji, true);
            }}
          />
        </Suspense>
      </Popover>
      <Dialog open={confirmDelete} onClose={() => setConfirmDelete(false)} aria-labelledby="delete-title">
        <DialogTitle id="delete-title">{t('deleteTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('deleteBody')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmDelete(false)}>{t('cancel')}</Button>
          <Button
            color="error"
            variant="contained"
            onClick={() => {
              setConfirmDelete(false);
              if (message) void controller.remove(message.roomId, message.seq).catch(() => undefined);
            }}
          >
            {t('delete')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
