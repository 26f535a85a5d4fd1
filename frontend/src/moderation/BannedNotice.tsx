import { Alert, AlertTitle, Snackbar } from '@mui/material';
import { useChat, useChatController } from '../chat/useChat';
import { useI18n } from '../i18n/I18n';
import { formatInstant } from './moderation';

/**
 * "You were banned from #room", with the reason and until when: stays until dismissed (the
 * room is gone from the list, so this is the only place that says why).
 */
export function BannedNotice() {
  const { t, locale } = useI18n();
  const controller = useChatController();
  const notice = useChat((s) => s.banNotices[0]);
  if (!notice) return null;
  const dismiss = () => controller.store.dismissBanNotice(notice.id);
  return (
    <Snackbar
      key={notice.id}
      open
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      // a click elsewhere must not take it away before it is read
      onClose={(_, reason) => reason !== 'clickaway' && dismiss()}
    >
      <Alert severity="warning" variant="filled" onClose={dismiss} data-testid="banned-notice">
        <AlertTitle>{t('bannedFrom', { room: notice.roomName })}</AlertTitle>
        {notice.reason && <div>{t('bannedReason', { reason: notice.reason })}</div>}
        {notice.until && <div>{t('bannedUntil', { time: formatInstant(notice.until, locale) })}</div>}
      </Alert>
    </Snackbar>
  );
}
