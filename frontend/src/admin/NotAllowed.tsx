import { useId } from 'react';
import { Button, Paper, Stack, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { useT } from '../i18n/I18n';
import { followLink } from './route';

/** What someone without the administrator role sees at the administration's address. */
export function NotAllowed() {
  const t = useT();
  const titleId = useId();
  return (
    <Stack component="main" aria-labelledby={titleId} sx={{ minHeight: '100dvh', alignItems: 'center', justifyContent: 'center', p: 2 }}>
      <Paper variant="outlined" sx={{ p: 3, maxWidth: 480 }}>
        <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
          <Typography id={titleId} variant="h5" component="h1">
            {t('notAllowedTitle')}
          </Typography>
          <Typography>{t('notAllowedBody')}</Typography>
          <Button component="a" href="/" variant="contained" startIcon={<ArrowBackIcon />} onClick={(e) => followLink(e, '/')}>
            {t('backToChat')}
          </Button>
        </Stack>
      </Paper>
    </Stack>
  );
}
