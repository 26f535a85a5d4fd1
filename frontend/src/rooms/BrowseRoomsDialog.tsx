import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  TextField,
  Typography,
} from '@mui/material';
import { useT } from '../i18n/I18n';
import { useChatController } from '../chat/useChat';
import type { Room } from '../api/types';
import { joinErrorText } from './joinError';

/** Keystrokes closer together than this are one search. */
const SEARCH_DELAY_MS = 250;

/**
 * Public rooms, a page at a time from the server in name order, searched by any part of the
 * name: however many rooms exist, the dialog loads only what the user looks at.
 */
export function BrowseRoomsDialog({ open, onClose, onOpen }: { open: boolean; onClose: () => void; onOpen: (id: string) => void }) {
  const t = useT();
  const controller = useChatController();
  const [query, setQuery] = useState('');
  const [rooms, setRooms] = useState<Room[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [joinError, setJoinError] = useState<string>();

  useEffect(() => {
    if (!open) return;
    let current = true;
    setLoading(true);
    const timer = setTimeout(() => {
      controller
        .browsePublicRooms(query)
        .then((page) => {
          if (!current) return; // an answer to an older search
          setRooms(page.rooms);
          setNext(page.next);
          setFailed(false);
        })
        .catch(() => current && setFailed(true))
        .finally(() => current && setLoading(false));
    }, query ? SEARCH_DELAY_MS : 0);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [open, query, controller]);

  async function more() {
    if (!next) return;
    setLoading(true);
    try {
      const page = await controller.browsePublicRooms(query, next);
      setRooms((shown) => [...shown, ...page.rooms.filter((r) => !shown.some((s) => s.id === r.id))]);
      setNext(page.next);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  }

  async function join(id: string) {
    setBusy(id);
    setJoinError(undefined);
    try {
      await controller.join(id);
      onClose();
      onOpen(id);
    } catch (err) {
      setJoinError(joinErrorText(err, t)); // a ban says until when
    } finally {
      setBusy(undefined);
    }
  }

  function show(id: string) {
    onClose();
    onOpen(id);
  }

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="browse-title">
      <DialogTitle id="browse-title">{t('browseRooms')}</DialogTitle>
      <DialogContent dividers>
        <TextField
          label={t('searchRooms')}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value.slice(0, 80))}
          fullWidth
          autoFocus
          size="small"
          sx={{ mb: 1 }}
        />
        {failed && <Typography color="error">{t('somethingWrong')}</Typography>}
        {joinError && (
          <Alert severity="error" sx={{ mb: 1 }} onClose={() => setJoinError(undefined)}>
            {joinError}
          </Alert>
        )}
        {!loading && !failed && rooms.length === 0 && (
          <Typography color="text.secondary">{query.trim() ? t('noRoomsMatch', { query: query.trim() }) : t('noPublicRooms')}</Typography>
        )}
        <List aria-busy={loading}>
          {rooms.map((r) => (
            <ListItem
              key={r.id}
              secondaryAction={
                r.joined ? (
                  <Button onClick={() => show(r.id)} aria-label={`${t('openRoom')} ${r.name}`}>
                    {t('openRoom')}
                  </Button>
                ) : (
                  <Button variant="outlined" onClick={() => void join(r.id)} disabled={busy === r.id} aria-label={`${t('join')} ${r.name}`}>
                    {t('join')}
                  </Button>
                )
              }
            >
              <ListItemText
                primary={r.name}
                secondary={[r.description, t('membersCount', { count: r.memberCount ?? 0 })].filter(Boolean).join(' · ')}
              />
            </ListItem>
          ))}
        </List>
        {loading && <CircularProgress size={24} aria-label={t('browseRooms')} />}
        {next && !loading && (
          <Button onClick={() => void more()} fullWidth>
            {t('moreRooms')}
          </Button>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
