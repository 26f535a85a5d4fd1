import { useEffect, useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useT } from '../i18n/I18n';
import { useChat, useChatController } from '../chat/useChat';

/** Public rooms the user has not joined yet. */
export function BrowseRoomsDialog({ open, onClose, onOpen }: { open: boolean; onClose: () => void; onOpen: (id: string) => void }) {
  const t = useT();
  const controller = useChatController();
  const rooms = useChat((s) => s.rooms);
  const [busy, setBusy] = useState<string>();
  useEffect(() => {
    if (open) void controller.refreshRooms().catch(() => undefined);
  }, [open, controller]);
  const browsable = Object.values(rooms)
    .filter((r) => r.visibility === 'public' && !r.joined)
    .sort((a, b) => a.name.localeCompare(b.name));

  async function join(id: string) {
    setBusy(id);
    try {
      await controller.join(id);
      onClose();
      onOpen(id);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="browse-title">
      <DialogTitle id="browse-title">{t('browseRooms')}</DialogTitle>
      <DialogContent dividers>
        {browsable.length === 0 ? (
          <Typography color="text.secondary">{t('noPublicRooms')}</Typography>
        ) : (
          <List>
            {browsable.map((r) => (
              <ListItem
                key={r.id}
                secondaryAction={
                  <Button variant="outlined" onClick={() => void join(r.id)} disabled={busy === r.id} aria-label={`${t('join')} ${r.name}`}>
                    {t('join')}
                  </Button>
                }
              >
                <ListItemText
                  primary={r.name}
                  secondary={[r.description, t('membersCount', { count: r.memberCount ?? 0 })].filter(Boolean).join(' · ')}
                />
              </ListItem>
            ))}
          </List>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
