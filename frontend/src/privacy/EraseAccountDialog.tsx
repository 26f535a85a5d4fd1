import { useId, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import { ApiError } from '../api/http';
import type { PrivacyApi } from '../api/privacyApi';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18n';
import { problemText } from '../moderation/moderation';
import { forgetEraseIntent, rememberEraseIntent } from './eraseIntent';

/**
 * Erasing one's own account: says what happens, and asks for the username typed before the red
 * button works. Asked for, the user is signed out (the sign-in page says the account is going).
 * When the last sign-in is too old for it, the user is offered to sign in again (Keycloak asks
 * for their credentials) and comes back to this dialog, to confirm once more.
 */
export function EraseAccountDialog({ api, onClose }: { api: PrivacyApi; onClose: () => void }) {
  const t = useT();
  const auth = useAuth();
  const username = auth.identity?.username ?? '';
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [signInAgain, setSignInAgain] = useState(false);
  const titleId = useId();
  const bodyId = useId();
  const confirmed = !!username && typed.trim() === username;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!confirmed || busy) return;
    setBusy(true);
    setError(undefined);
    setSignInAgain(false);
    try {
      await api.eraseAccount();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'recent-sign-in-required') setSignInAgain(true);
      else setError(problemText(err, t));
      setBusy(false);
      return;
    }
    forgetEraseIntent();
    // the account is going: out at once, to the sign-in page, which says so
    void auth.signOut('account-erased');
  }

  function reauthenticate() {
    if (auth.identity) rememberEraseIntent(auth.identity.id);
    setBusy(true);
    auth.startSso({ loginHint: username, reauthenticate: true }).catch(() => {
      forgetEraseIntent();
      setBusy(false);
      setError(t('networkError'));
    });
  }

  return (
    <Dialog open onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby={titleId} aria-describedby={bodyId}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{t('deleteAccountTitle')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2}>
            {signInAgain && (
              <Alert
                severity="warning"
                action={
                  <Button color="inherit" size="small" onClick={reauthenticate} disabled={busy}>
                    {t('signInAgain')}
                  </Button>
                }
              >
                {t('recentSignInRequired')}
              </Alert>
            )}
            {error && <Alert severity="error">{error}</Alert>}
            <Box id={bodyId}>
              <DialogContentText>{t('deleteAccountWhatHappens')}</DialogContentText>
              <Box component="ul" sx={{ color: 'text.secondary', pl: 3, my: 1, '& li': { mb: 0.5 } }}>
                <li>{t('eraseMessagesPoint')}</li>
                <li>{t('eraseDirectPoint')}</li>
                <li>{t('eraseRoomsPoint')}</li>
                <li>{t('eraseFinalPoint')}</li>
              </Box>
            </Box>
            <TextField
              label={t('typeUsernameToConfirm', { username })}
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              autoFocus
              slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'none' } }}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            {t('cancel')}
          </Button>
          <Button type="submit" color="error" variant="contained" disabled={!confirmed || busy}>
            {t('deleteMyAccount')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
