import { Box, Button, Stack, Typography } from '@mui/material';
import CheckIcon from '@mui/icons-material/Check';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import ScheduleIcon from '@mui/icons-material/Schedule';
import { useI18n } from '../i18n/I18n';

export type Delivery = 'sending' | 'sent' | 'failed';

interface Props {
  sender: string;
  text: string;
  at: string;
  own: boolean;
  delivery?: Delivery;
  error?: string;
  onRetry?: () => void;
}

/** One message. Text is rendered as a React text node: no HTML from anyone is ever interpreted. */
export function MessageItem({ sender, text, at, own, delivery, error, onRetry }: Props) {
  const { t, locale } = useI18n();
  const time = new Date(at).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  return (
    <Box
      component="li"
      data-testid="message"
      data-delivery={delivery}
      sx={{ listStyle: 'none', display: 'flex', justifyContent: own ? 'flex-end' : 'flex-start', px: 2, py: 0.5 }}
    >
      <Box
        sx={{
          maxWidth: 'min(620px, 85%)',
          px: 1.5,
          py: 1,
          borderRadius: 2,
          bgcolor: own ? 'primary.main' : 'background.paper',
          color: own ? 'primary.contrastText' : 'text.primary',
          boxShadow: 1,
          opacity: delivery === 'sending' ? 0.8 : 1,
          border: delivery === 'failed' ? '2px solid' : undefined,
          borderColor: 'error.main',
        }}
      >
        {!own && (
          <Typography variant="subtitle2" component="div" sx={{ fontWeight: 700 }}>
            {sender}
          </Typography>
        )}
        <Typography variant="body1" component="div" data-testid="message-text" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {text}
        </Typography>
        <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', justifyContent: 'flex-end', mt: 0.25 }}>
          <Typography variant="caption" component="time" dateTime={at} sx={{ opacity: 0.85 }}>
            {time}
          </Typography>
          {delivery === 'sending' && <ScheduleIcon sx={{ fontSize: 14 }} titleAccess={t('sending')} />}
          {delivery === 'sent' && <CheckIcon sx={{ fontSize: 14 }} titleAccess={t('sent')} />}
          {delivery === 'failed' && <ErrorOutlineIcon sx={{ fontSize: 14 }} titleAccess={t('failed')} />}
        </Stack>
        {delivery === 'failed' && (
          <Typography variant="caption" component="div" sx={{ fontWeight: 700 }}>
            {error ? `${t('failed')}: ${error}` : t('failed')}
          </Typography>
        )}
      </Box>
      {delivery === 'failed' && onRetry && (
        <Button size="small" color="error" onClick={onRetry} sx={{ alignSelf: 'center', ml: 1 }}>
          {t('retry')}
        </Button>
      )}
    </Box>
  );
}
