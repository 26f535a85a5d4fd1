import { useEffect, useState } from 'react';
import { Alert, Chip, Snackbar } from '@mui/material';
import { useT } from '../i18n/I18n';
import { useChat } from '../chat/useChat';

/** "Reconnecting…" while the live connection is down, "Back online" for a moment once it returns. */
export function ConnectionStatus() {
  const t = useT();
  const connection = useChat((s) => s.connection);
  const recovered = useChat((s) => s.recovered);
  const [backOnline, setBackOnline] = useState(false);
  useEffect(() => {
    if (connection === 'online' && recovered) setBackOnline(true);
  }, [connection, recovered]);
  return (
    <>
      <div role="status" aria-live="polite">
        {connection === 'reconnecting' && <Chip color="warning" size="small" label={t('reconnecting')} />}
        {connection === 'connecting' && <Chip size="small" label={t('connecting')} sx={{ bgcolor: 'background.paper' }} />}
      </div>
      <Snackbar
        open={backOnline}
        autoHideDuration={3000}
        onClose={() => setBackOnline(false)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="success" variant="filled" onClose={() => setBackOnline(false)}>
          {t('backOnline')}
        </Alert>
      </Snackbar>
    </>
  );
}
