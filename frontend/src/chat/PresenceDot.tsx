import { Box } from '@mui/material';
import type { Presence } from '../api/types';
import { useT } from '../i18n/I18n';

const colors: Record<Presence, string> = { online: '#2e7d32', away: '#ed8c00', busy: '#d32f2f', offline: '#8a8f98' };

/** A coloured dot with its status as text for screen readers (colour alone says nothing to them). */
export function PresenceDot({ status = 'offline' }: { status?: Presence }) {
  const t = useT();
  return (
    <Box
      component="span"
      role="img"
      aria-label={t(status)}
      title={t(status)}
      sx={{ display: 'inline-block', width: 10, height: 10, borderRadius: '50%', bgcolor: colors[status], flex: 'none', border: '1px solid', borderColor: 'background.paper' }}
    />
  );
}
