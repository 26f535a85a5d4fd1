import { useEffect, useState } from 'react';
import { Dialog, DialogContent, DialogTitle, List, ListItemButton, ListItemText, TextField, Typography, DialogActions, Button } from '@mui/material';
import type { UserRef } from '../api/types';
import { useT } from '../i18n/I18n';
import { useChat, useChatController } from '../chat/useChat';

/** Search people by name and open the direct-message room with one of them. */
export function DirectMessageDialog({ open, onClose, onOpen }: { open: boolean; onClose: () => void; onOpen: (id: string) => void }) {
  const t = useT();
  const controller = useChatController();
  const me = useChat((s) => s.me);
  const [query, setQuery] = useState('');
  const [users, setUsers] = useState<UserRef[]>([]);
  useEffect(() => {
    if (!open || !query.trim()) {
      setUsers([]);
      return;
    }
    let live = true;
    // wait for a pause in typing before asking the server
    const timer = setTimeout(() => {
      controller
        .searchUsers(query.trim())
        .then((found) => live && setUsers(found.filter((u) => u.id !== me?.id)))
        .catch(() => live && setUsers([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, open, controller, me]);

  async function start(userId: string) {
    const room = await controller.direct(userId);
    onClose();
    setQuery('');
    onOpen(room.id);
  }

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="dm-title">
      <DialogTitle id="dm-title">{t('newDirect')}</DialogTitle>
      <DialogContent>
        <TextField label={t('searchUsers')} value={query} onChange={(e) => setQuery(e.target.value)} fullWidth autoFocus sx={{ mt: 1 }} />
        <List>
          {users.map((u) => (
            <ListItemButton key={u.id} onClick={() => void start(u.id)}>
              <ListItemText primary={u.displayName || u.username} secondary={`@${u.username}`} />
            </ListItemButton>
          ))}
        </List>
        {query.trim() && users.length === 0 && <Typography color="text.secondary">{t('noUsers')}</Typography>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
