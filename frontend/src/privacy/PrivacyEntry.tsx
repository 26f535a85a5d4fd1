import { useEffect, useState } from 'react';
import { IconButton, Tooltip } from '@mui/material';
import PrivacyTipIcon from '@mui/icons-material/PrivacyTipOutlined';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18n';
import { forgetEraseIntent, hasEraseIntent } from './eraseIntent';
import { PrivacyDialog } from './PrivacyDialog';

/**
 * The "Privacy and data" dialog for the screen that has its entries (the app bar, or on a phone
 * the rooms drawer, which closes): opened by `open`, and open already at the account's erasure
 * when the user comes back from signing in again for it.
 */
export function usePrivacyDialog() {
  const { identity } = useAuth();
  const [state, setState] = useState<'closed' | 'open' | 'erase'>(() => (hasEraseIntent(identity?.id) ? 'erase' : 'closed'));
  // taken up (or not this user's): not opened again on the next visit
  useEffect(() => forgetEraseIntent(), []);
  const dialog = state === 'closed' ? null : <PrivacyDialog resumeErase={state === 'erase'} onClose={() => setState('closed')} />;
  return { open: () => setState('open'), dialog };
}

/** The way into "Privacy and data", next to the user's other settings. */
export function PrivacyEntry({ onOpen, color }: { onOpen: () => void; color?: 'inherit' }) {
  const t = useT();
  return (
    <Tooltip title={t('privacyAndData')}>
      <IconButton color={color} aria-label={t('privacyAndData')} onClick={onOpen}>
        <PrivacyTipIcon />
      </IconButton>
    </Tooltip>
  );
}
