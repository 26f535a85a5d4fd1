import { lazy, Suspense } from 'react';
import { Box, CircularProgress } from '@mui/material';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18n';
import { NotAllowed } from './NotAllowed';
import { isAdmin, type AdminSection } from './route';

// the panel (and its charts) is loaded only when an administrator opens it
const AdminScreen = lazy(() => import('./AdminScreen').then((m) => ({ default: m.AdminScreen })));

/** The administration for administrators; anyone else is told it is not for them (the server refuses them anyway). */
export function AdminRoute({ section }: { section: AdminSection }) {
  const t = useT();
  const { identity } = useAuth();
  if (!isAdmin(identity)) return <NotAllowed />;
  return (
    <Suspense
      fallback={
        <Box sx={{ minHeight: '100dvh', display: 'grid', placeItems: 'center' }} role="status" aria-label={t('loading')}>
          <CircularProgress />
        </Box>
      }
    >
      <AdminScreen section={section} />
    </Suspense>
  );
}
