import { useEffect, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { IconButton, Stack, TextField } from '@mui/material';
import SendIcon from '@mui/icons-material/Send';
import { useT } from '../i18n/I18n';
import { TypingSignal } from './TypingSignal';
import { useChatController } from './useChat';

const MAX_LENGTH = 4000;

/** The message box: Enter sends, Shift+Enter starts a new line. */
export function Composer({ roomId }: { roomId: string }) {
  const t = useT();
  const controller = useChatController();
  const [text, setText] = useState('');
  const signal = useMemo(() => new TypingSignal((typing) => controller.typing(roomId, typing)), [controller, roomId]);
  useEffect(() => () => signal.stop(), [signal]);

  function send(e?: FormEvent) {
    e?.preventDefault();
    const value = text.trim();
    if (!value) return;
    signal.stop();
    controller.send(roomId, value);
    setText('');
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  }

  return (
    <Stack component="form" direction="row" spacing={1} onSubmit={send} sx={{ p: 1.5, alignItems: 'flex-end', borderTop: 1, borderColor: 'divider' }}>
      <TextField
        label={t('message')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value) signal.input();
          else signal.stop();
        }}
        onKeyDown={onKeyDown}
        onBlur={() => signal.stop()}
        multiline
        maxRows={6}
        fullWidth
        size="small"
        slotProps={{ htmlInput: { maxLength: MAX_LENGTH } }}
      />
      <IconButton type="submit" color="primary" aria-label={t('send')} disabled={!text.trim()} size="large">
        <SendIcon />
      </IconButton>
    </Stack>
  );
}
