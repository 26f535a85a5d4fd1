import { Chip, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import type { AdminApi } from '../../api/adminApi';
import type { AdminUser, RealmRole } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatInstant } from '../../moderation/moderation';
import { UserActions } from './UserActions';

const ROLE_NAMES: Record<RealmRole, MessageKey> = { admin: 'roleAdmin', moderator: 'roleModerator', 'mfa-required': 'roleMfaRequired' };

/** One page of accounts: username, email, enabled or not, roles, when created, and the actions. */
export function UsersTable({ api, users, selfId, labelledBy, describedBy, onChanged, onError, onErased }: {
  api: AdminApi;
  users: AdminUser[];
  /** the administrator's own id: their own account is not erased from here */
  selfId?: string;
  labelledBy: string;
  describedBy: string;
  onChanged: (user: AdminUser) => void;
  onError: (user: AdminUser, error: unknown) => void;
  onErased?: (user: AdminUser) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-labelledby={labelledBy} aria-describedby={describedBy}>
        <TableHead>
          <TableRow>
            <TableCell scope="col">{t('username')}</TableCell>
            <TableCell scope="col">{t('email')}</TableCell>
            <TableCell scope="col">{t('accountStatus')}</TableCell>
            <TableCell scope="col">{t('roles')}</TableCell>
            <TableCell scope="col">{t('created')}</TableCell>
            <TableCell scope="col" align="right">{t('actions')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {users.map((user) => (
            <TableRow key={user.id} data-testid="user-row">
              <TableCell component="th" scope="row">{user.username}</TableCell>
              <TableCell>{user.email ?? '—'}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  variant="outlined"
                  color={user.enabled ? 'success' : 'default'}
                  label={user.enabled ? t('accountEnabled') : t('accountDisabled')}
                />
              </TableCell>
              <TableCell>
                {user.roles.length ? (
                  <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap' }}>
                    {user.roles.map((role) => (
                      <Chip key={role} size="small" label={ROLE_NAMES[role] ? t(ROLE_NAMES[role]) : role} />
                    ))}
                  </Stack>
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell>{user.createdAt ? formatInstant(user.createdAt, locale) : '—'}</TableCell>
              <TableCell align="right">
                <UserActions api={api} user={user} selfId={selfId} onChanged={onChanged} onError={(err) => onError(user, err)} onErased={onErased} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
