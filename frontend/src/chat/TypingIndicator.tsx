import { Typography } from '@mui/material';
import { useT } from '../i18n/I18n';
import { useChat, useChatController } from './useChat';

export function TypingIndicator({ roomId }: { roomId: string }) {
  const t = useT();
  const controller = useChatController();
  // re-render on every typing change; the store's prune timer removes stale ones
  useChat((s) => s.typing[roomId]);
  const names = controller.store.typingNames(roomId);
  const text =
    names.length === 0 ? '' : names.length === 1 ? t('typingOne', { name: names[0] }) : names.length === 2 ? t('typingTwo', { a: names[0], b: names[1] }) : t('typingMany');
  return (
    <Typography variant="caption" color="text.secondary" role="status" aria-live="polite" data-testid="typing" sx={{ px: 2, minHeight: 20, display: 'block' }}>
      {text}
    </Typography>
  );
}
