import { useEffect, useState } from 'react';
import { Box, CircularProgress } from '@mui/material';
import { useAuth } from './auth/AuthProvider';
import { SignInPage } from './auth/SignInPage';
import { ChatScreen } from './chat/ChatScreen';
import { useT } from './i18n/I18n';

// the authorization code is single use: complete it once even if effects run twice (StrictMode)
let ssoCompletion: Promise<void> | undefined;

/** Signed out: the sign-in screen; back from single sign-on: finish it; signed in: the chat. */
export function App() {
  const auth = useAuth();
  const t = useT();
  const [callback, setCallback] = useState(() => window.location.pathname === '/auth/callback');
  const [ssoError, setSsoError] = useState<string>();

  useEffect(() => {
    if (!callback) return;
    if (!ssoCompletion) {
      const search = window.location.search;
      window.history.replaceState(null, '', '/'); // keep the code out of history
      ssoCompletion = auth.completeSso(search);
    }
    ssoCompletion
      .catch(() => setSsoError(t('ssoFailed')))
      .finally(() => setCallback(false));
  }, []);

  if (callback) {
    return (
      <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }} role="status" aria-label={t('signingIn')}>
        <CircularProgress />
      </Box>
    );
  }
  if (auth.identity) return <ChatScreen key={auth.identity.id} />;
  const reason = auth.signOutReason;
  const notice = reason && t(reason === 'account-erased' ? 'accountErased' : reason === 'user-disabled' ? 'userDisabled' : 'sessionEnded');
  return <SignInPage initialError={ssoError} notice={notice} noticeSeverity={reason === 'account-erased' ? 'info' : 'warning'} />;
}
