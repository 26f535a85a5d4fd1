import { IconButton, Tooltip } from '@mui/material';
import AdminPanelSettingsIcon from '@mui/icons-material/AdminPanelSettingsOutlined';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18n';
import { adminPath, followLink, isAdmin } from './route';

/** The way into the administration, in the app bar (or the rooms drawer on a phone): administrators only. */
export function AdminEntry({ color }: { color?: 'inherit' }) {
  const t = useT();
  const { identity } = useAuth();
  if (!isAdmin(identity)) return null;
  const path = adminPath();
  return (
    <Tooltip title={t('administration')}>
      <IconButton component="a" href={path} color={color} aria-label={t('administration')} onClick={(e) => followLink(e, path)}>
        <AdminPanelSettingsIcon />
      </IconButton>
    </Tooltip>
  );
}
