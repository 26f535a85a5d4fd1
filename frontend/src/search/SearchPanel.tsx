import { useEffect, useMemo, useRef, useState, type FocusEvent, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Drawer,
  IconButton,
  List,
  ListItem,
  ListItemButton,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Tooltip,
  Typography,
} from '@mui/material';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import RefreshIcon from '@mui/icons-material/Refresh';
import { ApiError } from '../api/http';
import type { Room, SearchResult, SearchSort } from '../api/types';
import { useI18n, type Translate } from '../i18n/I18n';
import { roomTitle } from '../rooms/roomTitle';
import { useChat, useChatController } from '../chat/useChat';
import { excerpt, groupByRoom, segments } from './highlight';

/** A search asked for from outside (the top bar): `key` tells one request from the next with the same words. */
export interface SearchRequest {
  q: string;
  key: number;
}

interface Props {
  open: boolean;
  request: SearchRequest;
  onClose: () => void;
}

export const QUERY_MAX = 200;

type Status = { kind: 'idle' } | { kind: 'loading' } | { kind: 'done' } | { kind: 'error'; message: string };

function problemText(e: unknown, t: Translate): string {
  if (e instanceof ApiError) {
    if (e.status === 400) return e.problem.detail || e.problem.errors?.map((f) => f.message).join(' ') || e.message;
    if (e.status === 0) return t('networkError');
  }
  return t('searchFailed');
}

/**
 * Message search: the query, newest or most relevant first, results grouped by room with the
 * matched parts marked, a page at a time. Choosing a result shows it in its room. With a room
 * open, "This room only" (off each time the panel opens) keeps the search to it; "Refresh"
 * (or searching the same words again) asks anew, so messages sent since are found.
 */
export function SearchPanel({ open, request, onClose }: Props) {
  const { t } = useI18n();
  const controller = useChatController();
  const [draft, setDraft] = useState(request.q);
  // a new object for every search asked for: the same words search again
  const [asked, setAsked] = useState({ q: request.q.trim() });
  const [sort, setSort] = useState<SearchSort>('newest');
  // remembered while the panel stays open; off again once it closes
  const [roomOnly, setRoomOnly] = useState(false);
  const activeRoom = useChat((s) => (s.activeRoomId ? s.rooms[s.activeRoomId] : undefined));
  const me = useChat((s) => s.me);
  const roomId = roomOnly ? activeRoom?.id : undefined;
  const [results, setResults] = useState<SearchResult[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [more, setMore] = useState(false);
  // answers to an earlier search (or sort) are dropped when they come late
  const generation = useRef(0);
  const seenRequest = useRef(request.key);
  // closed by choosing a result: the focus goes to the message shown, not back to the search box
  const [jumped, setJumped] = useState(false);

  // opened again, the words are selected: typing replaces them
  const selectOnFocus = useRef(true);
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) setJumped(false);
    else {
      selectOnFocus.current = true; // the field mounts (and is focused) before this runs for an open
      setRoomOnly(false);
    }
  }, [open]);

  useEffect(() => {
    if (request.key === seenRequest.current) return;
    seenRequest.current = request.key;
    setDraft(request.q);
    setAsked({ q: request.q.trim() });
  }, [request]);

  useEffect(() => {
    const current = ++generation.current;
    setResults([]);
    setCursor(null);
    setMore(false);
    if (!asked.q) {
      setStatus({ kind: 'idle' });
      return;
    }
    setStatus({ kind: 'loading' });
    controller
      .search(roomId ? { q: asked.q, sort, roomId } : { q: asked.q, sort })
      .then((page) => {
        if (current !== generation.current) return;
        setResults(page.results);
        setCursor(page.nextCursor);
        setStatus({ kind: 'done' });
      })
      .catch((e: unknown) => current === generation.current && setStatus({ kind: 'error', message: problemText(e, t) }));
  }, [asked, sort, roomId, controller, t]);

  function submit(e: FormEvent) {
    e.preventDefault();
    setAsked({ q: draft.trim() });
  }

  /** The same search again (a new object: the effect runs anew), for messages sent since. */
  function refresh() {
    setAsked(({ q }) => ({ q }));
  }

  function loadMore() {
    if (!cursor || more) return;
    const current = generation.current;
    setMore(true);
    controller
      .search(roomId ? { q: asked.q, sort, roomId, cursor } : { q: asked.q, sort, cursor })
      .then((page) => {
        if (current !== generation.current) return;
        // a message that moved between pages (a new match came in) is shown once
        setResults((known) => {
          const ids = new Set(known.map((r) => r.message.id));
          return [...known, ...page.results.filter((r) => !ids.has(r.message.id))];
        });
        setCursor(page.nextCursor);
      })
      .catch((e: unknown) => current === generation.current && setStatus({ kind: 'error', message: problemText(e, t) }))
      .finally(() => current === generation.current && setMore(false));
  }

  function jump(r: SearchResult) {
    setJumped(true);
    onClose();
    void controller.jumpTo(r.message.roomId, r.message.seq).catch(() => undefined);
  }

  const groups = useMemo(() => groupByRoom(results), [results]);

  return (
    <Drawer
      anchor="right"
      open={open}
      onClose={onClose}
      disableRestoreFocus={jumped}
      slotProps={{
        paper: { sx: { width: 'min(520px, 100vw)' }, role: 'dialog', 'aria-labelledby': 'search-title' } as object,
        // the field takes the focus once the panel has slid in (a hidden field cannot be focused)
        transition: { onEntered: () => field.current?.focus() },
      }}
    >
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
        <Stack direction="row" sx={{ alignItems: 'center', px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
          <Typography variant="h6" component="h2" id="search-title" sx={{ flex: 1 }}>
            {t('searchResults')}
          </Typography>
          <IconButton aria-label={t('close')} onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </Stack>
        <Stack spacing={1.5} sx={{ px: 2, pt: 2, pb: 1 }}>
          <Box component="form" role="search" onSubmit={submit} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
            <TextField
              inputRef={field}
              type="search"
              label={t('searchMessages')}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              helperText={t('searchHelp')}
              size="small"
              fullWidth
              slotProps={{
                htmlInput: {
                  maxLength: QUERY_MAX,
                  onFocus: (e: FocusEvent<HTMLInputElement>) => {
                    if (selectOnFocus.current) e.currentTarget.select();
                    selectOnFocus.current = false;
                  },
                },
              }}
            />
            <Button type="submit" variant="contained" disabled={!draft.trim()}>
              {t('search')}
            </Button>
          </Box>
          <Stack direction="row" useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
            <ToggleButtonGroup
              exclusive
              size="small"
              value={sort}
              onChange={(_, value: SearchSort | null) => value && setSort(value)}
              aria-label={t('sortBy')}
            >
              <ToggleButton value="newest">{t('sortNewest')}</ToggleButton>
              <ToggleButton value="relevance">{t('sortRelevance')}</ToggleButton>
            </ToggleButtonGroup>
            {activeRoom && (
              <Tooltip describeChild title={t('onlyInRoom', { room: shownRoomName(activeRoom, me?.name, me?.username) })}>
                <Chip
                  label={t('thisRoomOnly')}
                  icon={roomOnly ? <CheckIcon /> : undefined}
                  color={roomOnly ? 'primary' : 'default'}
                  variant={roomOnly ? 'filled' : 'outlined'}
                  onClick={() => setRoomOnly((on) => !on)}
                  aria-pressed={roomOnly}
                  data-testid="room-only"
                />
              </Tooltip>
            )}
            <Box sx={{ flex: 1 }} />
            {asked.q && (
              <Tooltip title={t('refreshResults')}>
                <IconButton aria-label={t('refreshResults')} onClick={refresh} size="small">
                  <RefreshIcon />
                </IconButton>
              </Tooltip>
            )}
          </Stack>
        </Stack>
        <Box sx={{ flex: 1, overflowY: 'auto', pb: 2 }} aria-busy={status.kind === 'loading' || more || undefined} data-testid="search-results">
          {status.kind === 'loading' && (
            <Stack direction="row" spacing={1} role="status" sx={{ alignItems: 'center', justifyContent: 'center', p: 2 }}>
              <CircularProgress size={18} aria-hidden />
              <Typography variant="body2" color="text.secondary">
                {t('searching')}
              </Typography>
            </Stack>
          )}
          {status.kind === 'error' && (
            <Alert severity="error" sx={{ mx: 2, my: 1 }}>
              {status.message}
            </Alert>
          )}
          {status.kind === 'done' && results.length === 0 && (
            <Typography role="status" color="text.secondary" sx={{ px: 2, py: 2 }}>
              {t('noMessagesMatch', { query: asked.q })}
            </Typography>
          )}
          {groups.map((g) => (
            <ResultGroup key={g.roomId} roomId={g.roomId} roomName={g.roomName} results={g.results} onPick={jump} />
          ))}
          {cursor && status.kind === 'done' && (
            <Stack sx={{ alignItems: 'center', p: 1 }}>
              <Button onClick={loadMore} disabled={more} startIcon={more ? <CircularProgress size={16} aria-hidden /> : undefined}>
                {t('loadMoreResults')}
              </Button>
            </Stack>
          )}
        </Box>
      </Box>
    </Drawer>
  );
}

/** A room as its heading reads: #name, or a direct room's person. */
function shownRoomName(room: Room, myName?: string, myUsername?: string): string {
  const title = roomTitle(room, myName, myUsername);
  return room.visibility === 'direct' ? title : `#${title}`;
}

function ResultGroup({ roomId, roomName, results, onPick }: { roomId: string; roomName: string; results: SearchResult[]; onPick: (r: SearchResult) => void }) {
  const room = useChat((s) => s.rooms[roomId]);
  const me = useChat((s) => s.me);
  const id = `search-room-${roomId}`;
  return (
    <Box component="section" aria-labelledby={id} data-testid="search-group">
      <Typography component="h3" variant="overline" id={id} sx={{ display: 'block', px: 2, pt: 1.5, fontWeight: 700 }}>
        {room ? shownRoomName(room, me?.name, me?.username) : `#${roomName}`}
      </Typography>
      <List dense disablePadding aria-labelledby={id}>
        {results.map((r) => (
          <ResultItem key={r.message.id} result={r} onPick={onPick} />
        ))}
      </List>
    </Box>
  );
}

function ResultItem({ result, onPick }: { result: SearchResult; onPick: (r: SearchResult) => void }) {
  const { t, locale } = useI18n();
  const { message } = result;
  const when = new Date(message.createdAt);
  const shown = excerpt(message.text, result.highlights);
  return (
    <ListItem disablePadding data-testid="search-result" data-seq={message.seq}>
      <ListItemButton onClick={() => onPick(result)} sx={{ display: 'block', px: 2 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
          <Typography variant="subtitle2" component="span" sx={{ fontWeight: 700 }}>
            {message.senderName ?? ''}
          </Typography>
          <Typography variant="caption" component="time" dateTime={message.createdAt} color="text.secondary">
            {when.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}
          </Typography>
        </Stack>
        {message.deleted ? (
          <Typography variant="body2" sx={{ fontStyle: 'italic' }}>
            {t('deletedMessage')}
          </Typography>
        ) : (
          // plain text and <mark>s as React nodes: nothing in a message is interpreted as markup
          <Typography
            variant="body2"
            component="div"
            data-testid="search-result-text"
            sx={(theme) => ({
              whiteSpace: 'pre-wrap',
              overflowWrap: 'anywhere',
              '& mark': {
                bgcolor: theme.palette.mode === 'dark' ? '#7a5d00' : '#ffe082',
                color: 'inherit',
                borderRadius: 0.5,
                px: 0.25,
              },
            })}
          >
            {shown.before && '…'}
            {segments(shown.text, shown.highlights).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
            {shown.after && '…'}
          </Typography>
        )}
      </ListItemButton>
    </ListItem>
  );
}
