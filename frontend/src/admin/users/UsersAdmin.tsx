import { useEffect, useId, useState } from 'react';
import { Alert, Box, Button, CircularProgress, Stack, TextField, Typography } from '@mui/material';
import InfoIcon from '@mui/icons-material/InfoOutlined';
import type { AdminApi } from '../../api/adminApi';
import type { AdminUser } from '../../api/types';
import { useT } from '../../i18n/I18n';
import { problemText } from '../../moderation/moderation';
import { useDebounced } from '../useDebounced';
import { UsersTable } from './UsersTable';

/** Accounts a page at a time. */
export const USERS_PAGE = 20;

/**
 * Accounts: searched by name or email, a page at a time, each disabled or enabled, made moderator
 * or not, their data exported and their account erased (not the administrator's own: `selfId`).
 */
export function UsersAdmin({ api, selfId }: { api: AdminApi; selfId?: string }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const search = useDebounced(query.trim());
  const [page, setPage] = useState(0);
  const [users, setUsers] = useState<AdminUser[]>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const headingId = useId();
  const noteId = useId();

  useEffect(() => {
    let current = true;
    setLoading(true);
    api
      .users(search, page * USERS_PAGE, USERS_PAGE)
      .then((answer) => {
        if (!current) return; // the answer to an older search or page
        setUsers(answer.users);
        setError(undefined);
      })
      .catch((err: unknown) => current && setError(problemText(err, t)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [api, search, page, t]);

  const changed = (user: AdminUser) => {
    setError(undefined);
    setUsers((list) => list?.map((u) => (u.id === user.id ? user : u)));
  };
  const refused = (user: AdminUser, err: unknown) => setError(`${user.username}: ${problemText(err, t)}`);
  const erased = (user: AdminUser) => {
    setError(undefined);
    setNotice(t('eraseStarted', { name: user.username }));
  };
  const lastPage = !users || users.length < USERS_PAGE;

  return (
    <Stack spacing={2}>
      <Typography id={headingId} variant="h6" component="h2">
        {t('adminUsers')}
      </Typography>
      <TextField
        label={t('searchAccounts')}
        type="search"
        size="small"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value.slice(0, 100));
          setPage(0);
        }}
        sx={{ maxWidth: 420 }}
      />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', color: 'text.secondary' }}>
        <InfoIcon fontSize="small" aria-hidden />
        <Typography id={noteId} variant="body2">
          {t('adminRoleNote')}
        </Typography>
      </Stack>
      {error && (
        <Alert severity="error" onClose={() => setError(undefined)}>
          {error}
        </Alert>
      )}
      {notice && (
        <Alert severity="info" onClose={() => setNotice(undefined)}>
          {notice}
        </Alert>
      )}
      {users && users.length > 0 && (
        <Box aria-busy={loading}>
          <UsersTable
            api={api}
            users={users}
            selfId={selfId}
            labelledBy={headingId}
            describedBy={noteId}
            onChanged={changed}
            onError={refused}
            onErased={erased}
          />
        </Box>
      )}
      {users?.length === 0 && !loading && (
        <Typography color="text.secondary">{page > 0 ? t('noMoreAccounts') : search ? t('noAccountsMatch', { query: search }) : t('noUsers')}</Typography>
      )}
      {loading && (
        <Box role="status" aria-label={t('loading')}>
          <CircularProgress size={24} />
        </Box>
      )}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button disabled={page === 0 || loading} onClick={() => setPage((p) => p - 1)}>
          {t('previousPage')}
        </Button>
        <Typography variant="body2" aria-live="polite">
          {t('pageNumber', { page: page + 1 })}
        </Typography>
        <Button disabled={lastPage || loading} onClick={() => setPage((p) => p + 1)}>
          {t('nextPage')}
        </Button>
      </Stack>
    </Stack>
  );
}
