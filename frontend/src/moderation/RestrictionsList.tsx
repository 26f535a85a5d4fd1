import { useEffect, useId, useState } from 'react';
import { Alert, Button, CircularProgress, DialogContent, List, ListItem, ListItemText, ListSubheader, Typography } from '@mui/material';
import type { Ban, Mute } from '../api/types';
import { displayName } from '../chat/ChatStore';
import { useChatController } from '../chat/useChat';
import { useI18n } from '../i18n/I18n';
import { formatInstant, problemText } from './moderation';

type Restriction = { kind: 'ban'; entry: Ban } | { kind: 'mute'; entry: Mute };

/** The room's active bans and mutes, each with a button that lifts it. */
export function RestrictionsList({ roomId }: { roomId: string }) {
  const { t, locale } = useI18n();
  const controller = useChatController();
  const [bans, setBans] = useState<Ban[]>();
  const [mutes, setMutes] = useState<Mute[]>();
  const [error, setError] = useState<string>();
  const [lifting, setLifting] = useState<string>();
  const bansId = useId();
  const mutesId = useId();

  useEffect(() => {
    let current = true;
    Promise.all([controller.bans(roomId), controller.mutes(roomId)])
      .then(([b, m]) => {
        if (!current) return;
        setBans(b);
        setMutes(m);
      })
      .catch((err: unknown) => current && setError(problemText(err, t)));
    return () => {
      current = false;
    };
  }, [controller, roomId, t]);

  async function lift({ kind, entry }: Restriction) {
    const key = `${kind}-${entry.userId}`;
    setLifting(key);
    setError(undefined);
    try {
      if (kind === 'ban') {
        await controller.unban(roomId, entry.userId);
        setBans((list) => list?.filter((b) => b.userId !== entry.userId));
      } else {
        await controller.unmute(roomId, entry.userId);
        setMutes((list) => list?.filter((m) => m.userId !== entry.userId));
      }
    } catch (err) {
      setError(problemText(err, t));
    } finally {
      setLifting(undefined);
    }
  }

  const item = (r: Restriction) => {
    const name = displayName(r.entry);
    const until = r.entry.until ? t('untilTime', { time: formatInstant(r.entry.until, locale) }) : t('permanent');
    const reason = r.kind === 'ban' ? r.entry.reason : undefined;
    return (
      <ListItem
        key={r.entry.userId}
        secondaryAction={
          <Button
            size="small"
            onClick={() => void lift(r)}
            disabled={lifting === `${r.kind}-${r.entry.userId}`}
            aria-label={r.kind === 'ban' ? t('liftBan', { name }) : t('liftMute', { name })}
          >
            {t('lift')}
          </Button>
        }
      >
        <ListItemText primary={`${name} (@${r.entry.username})`} secondary={[reason, until].filter(Boolean).join(' · ')} />
      </ListItem>
    );
  };

  return (
    <DialogContent sx={{ minHeight: 200 }}>
      {error && <Alert severity="error">{error}</Alert>}
      {!error && (!bans || !mutes) && <CircularProgress size={24} aria-label={t('restrictions')} />}
      {bans && (
        <>
          <ListSubheader component="h3" id={bansId} disableGutters>
            {t('bannedList')}
          </ListSubheader>
          {bans.length === 0 && <Typography color="text.secondary">{t('noBans')}</Typography>}
          <List dense aria-labelledby={bansId} data-testid="bans">
            {bans.map((entry) => item({ kind: 'ban', entry }))}
          </List>
        </>
      )}
      {mutes && (
        <>
          <ListSubheader component="h3" id={mutesId} disableGutters>
            {t('mutedList')}
          </ListSubheader>
          {mutes.length === 0 && <Typography color="text.secondary">{t('noMutes')}</Typography>}
          <List dense aria-labelledby={mutesId} data-testid="mutes">
            {mutes.map((entry) => item({ kind: 'mute', entry }))}
          </List>
        </>
      )}
    </DialogContent>
  );
}
