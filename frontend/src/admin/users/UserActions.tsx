import { useState } from 'react';
import { Button, Stack } from '@mui/material';
import type { AdminApi } from '../../api/adminApi';
import type { AdminUser } from '../../api/types';
import { useT } from '../../i18n/I18n';
import { ConfirmDialog } from '../../moderation/ConfirmDialog';

/**
 * A user's actions: disable (after a confirmation saying they are signed out everywhere at once)
 * or enable, and make or stop being a moderator. What the server refuses goes to `onError`.
 */
export function UserActions({ api, user, onChanged, onError }: {
  api: AdminApi;
  user: AdminUser;
  onChanged: (user: AdminUser) => void;
  onError: (error: unknown) => void;
}) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const moderator = user.roles.includes('moderator');

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
    </Stack>
  );
}
