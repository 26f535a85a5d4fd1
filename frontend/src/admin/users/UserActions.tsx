import { useState } from 'react';
import { Button, Stack, TextField } from '@mui/material';
import type { AdminApi } from '../../api/adminApi';
import type { AdminUser, DataRequest } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { ConfirmDialog } from '../../moderation/ConfirmDialog';
import { exportRefusalText } from '../../privacy/requests';
import { UserDataRequests } from './UserDataRequests';

/**
 * A user's actions: disable (after a confirmation saying they are signed out everywhere at once)
 * or enable, and make or stop being a moderator. What the server refuses goes to `onError`.
 * Their data: export it (the request then shows with the others, followed until ready), see
 * their data requests, and erase the account after its username is typed (not one's own:
 * `selfId`), which `onErased` is told of.
 */
export function UserActions({ api, user, selfId, onChanged, onError, onErased }: {
  api: AdminApi;
  user: AdminUser;
  selfId?: string;
  onChanged: (user: AdminUser) => void;
  onError: (error: unknown) => void;
  onErased?: (user: AdminUser) => void;
}) {
  const { t, locale } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [requests, setRequests] = useState<{ made?: DataRequest; refusal?: string }>();
  const [erasing, setErasing] = useState(false);
  const [typed, setTyped] = useState('');
  const moderator = user.roles.includes('moderator');
  const self = user.id === selfId;

  async function exportData() {
    setBusy(true);
    try {
      setRequests({ made: await api.exportUser(user.id) });
    } catch (err) {
      setRequests({ refusal: exportRefusalText(err, t, locale) });
    } finally {
      setBusy(false);
    }
  }

  async function act(call: () => Promise<void>, changed: AdminUser) {
    setBusy(true);
    try {
      await call();
      onChanged(changed);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }

  const enable = () => act(() => api.enableUser(user.id), { ...user, enabled: true });
  const toggleModerator = () =>
    act(() => api.setModerator(user.id, !moderator), {
      ...user,
      roles: moderator ? user.roles.filter((r) => r !== 'moderator') : [...user.roles, 'moderator'],
    });

  return (
    <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end', flexWrap: 'wrap' }}>
      {user.enabled ? (
        <Button size="small" color="error" disabled={busy} onClick={() => setConfirming(true)} aria-label={t('disableAccountOf', { name: user.username })}>
          {t('disableAccount')}
        </Button>
      ) : (
        <Button size="small" disabled={busy} onClick={() => void enable()} aria-label={t('enableAccountOf', { name: user.username })}>
          {t('enableAccount')}
        </Button>
      )}
      <Button
        size="small"
        disabled={busy}
        onClick={() => void toggleModerator()}
        aria-label={moderator ? t('revokeModeratorFrom', { name: user.username }) : t('grantModeratorTo', { name: user.username })}
      >
        {moderator ? t('revokeModerator') : t('grantModerator')}
      </Button>
      <Button size="small" disabled={busy} onClick={() => void exportData()} aria-label={t('exportDataOf', { name: user.username })}>
        {t('exportData')}
      </Button>
      <Button size="small" disabled={busy} onClick={() => setRequests({})} aria-label={t('dataRequestsOf', { name: user.username })}>
        {t('dataRequests')}
      </Button>
      {!self && (
        <Button
          size="small"
          color="error"
          disabled={busy}
          onClick={() => {
            setTyped('');
            setErasing(true);
          }}
          aria-label={t('eraseAccountOf', { name: user.username })}
        >
          {t('eraseAccount')}
        </Button>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('disableTitle', { name: user.username })}
          body={t('disableBody')}
          confirm={t('disableAccount')}
          // a refusal (409 cannot-disable-self, 404) stays in the dialog with the server's words
          onConfirm={() => api.disableUser(user.id).then(() => onChanged({ ...user, enabled: false }))}
          onClose={() => setConfirming(false)}
        />
      )}
      {requests && <UserDataRequests api={api} user={user} {...requests} onClose={() => setRequests(undefined)} />}
      {erasing && (
        <ConfirmDialog
          title={t('eraseUserTitle', { name: user.username })}
          body={t('eraseUserBody')}
          confirm={t('eraseAccount')}
          disabled={typed.trim() !== user.username}
          // a refusal (409 cannot-erase-self, 404) stays in the dialog with the server's words
          onConfirm={() => api.eraseUser(user.id).then(() => onErased?.(user))}
          onClose={() => setErasing(false)}
        >
          <TextField
            label={t('typeUsernameOf', { name: user.username })}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            autoFocus
            slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'none' } }}
          />
        </ConfirmDialog>
      )}
    </Stack>
  );
}
