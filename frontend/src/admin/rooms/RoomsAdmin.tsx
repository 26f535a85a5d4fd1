import { useEffect, useId, useState } from 'react';
import { Alert, Box, Button, CircularProgress, Stack, TextField, Typography } from '@mui/material';
import type { AdminApi } from '../../api/adminApi';
import type { AdminRoom } from '../../api/types';
import { useT } from '../../i18n/I18n';
import { ConfirmDialog } from '../../moderation/ConfirmDialog';
import { problemText } from '../../moderation/moderation';
import { useDebounced } from '../useDebounced';
import { RoomsTable } from './RoomsTable';

/** Every room, public or private: searched by name, a page at a time ("Load more"), and deleted after a confirmation. */
export function RoomsAdmin({ api }: { api: AdminApi }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const search = useDebounced(query.trim());
  const [rooms, setRooms] = useState<AdminRoom[]>();
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [deleting, setDeleting] = useState<AdminRoom>();
  const headingId = useId();

  useEffect(() => {
    let current = true;
    setLoading(true);
    api
      .rooms(search)
      .then((page) => {
        if (!current) return; // the answer to an older search
        setRooms(page.rooms);
        setNext(page.next);
        setError(undefined);
      })
      .catch((err: unknown) => current && setError(problemText(err, t)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [api, search, t]);

  async function more() {
    if (!next) return;
    setLoading(true);
    try {
      const page = await api.rooms(search, next);
      setRooms((shown = []) => [...shown, ...page.rooms.filter((r) => !shown.some((s) => s.id === r.id))]);
      setNext(page.next);
    } catch (err) {
      setError(problemText(err, t));
    } finally {
      setLoading(false);
    }
  }

  async function remove(room: AdminRoom) {
    await api.deleteRoom(room.id);
    setRooms((list) => list?.filter((r) => r.id !== room.id));
  }

  return (
    <Stack spacing={2}>
      <Typography id={headingId} variant="h6" component="h2">
        {t('rooms')}
      </Typography>
      <TextField
        label={t('searchAllRooms')}
        type="search"
        size="small"
        value={query}
        onChange={(e) => setQuery(e.target.value.slice(0, 80))}
        sx={{ maxWidth: 420 }}
      />
      {error && (
        <Alert severity="error" onClose={() => setError(undefined)}>
          {error}
        </Alert>
      )}
      {rooms && rooms.length > 0 && (
        <Box aria-busy={loading}>
          <RoomsTable rooms={rooms} labelledBy={headingId} onDelete={setDeleting} />
        </Box>
      )}
      {rooms?.length === 0 && !loading && (
        <Typography color="text.secondary">{search ? t('noRoomsFound', { query: search }) : t('noRoomsAtAll')}</Typography>
      )}
      {loading && (
        <Box role="status" aria-label={t('loading')}>
          <CircularProgress size={24} />
        </Box>
      )}
      {next && !loading && (
        <Box>
          <Button variant="outlined" onClick={() => void more()}>
            {t('loadMore')}
          </Button>
        </Box>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('deleteRoomTitle', { name: deleting.name })}
          body={t('deleteRoomBody')}
          confirm={t('deleteRoom')}
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(undefined)}
        />
      )}
    </Stack>
  );
}
