import { useEffect, useState } from 'react';
import { Alert, Box, CircularProgress, DialogContent, Stack, Typography } from '@mui/material';
import type { RetentionDays, RoomRetention } from '../api/types';
import { useChat, useChatController } from '../chat/useChat';
import { useI18n } from '../i18n/I18n';
import { problemText } from './moderation';
import { daysOf, effectiveDays, periodText } from './retention';
import { RetentionForm } from './RetentionForm';

interface Retention {
  own: RetentionDays;
  workspace: RetentionDays;
  effective: RetentionDays;
}

/** The server's answer, absent values taken as null; the one in effect worked out when it is not said. */
function retentionOf(r: RoomRetention): Retention {
  const own = daysOf(r.days);
  const workspace = daysOf(r.globalDays);
  return { own, workspace, effective: r.effectiveDays === undefined ? effectiveDays(own, workspace) : daysOf(r.effectiveDays) };
}

/**
 * How long the room's messages are kept: its own setting, the workspace's and the one in effect
 * (the shorter). The owner changes the room's own (a number of days, or following the workspace);
 * moderators see it only.
 */
export function RoomRetentionPanel({ roomId }: { roomId: string }) {
  const { t, locale } = useI18n();
  const controller = useChatController();
  const owner = useChat((s) => s.rooms[roomId]?.role === 'owner');
  const [retention, setRetention] = useState<Retention>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let current = true;
    controller
      .roomRetention(roomId)
      .then((r) => current && setRetention(retentionOf(r)))
      .catch((err: unknown) => current && setError(problemText(err, t)));
    return () => {
      current = false;
    };
  }, [controller, roomId, t]);

  async function save(days: RetentionDays): Promise<RetentionDays> {
    const now = retentionOf(await controller.setRoomRetention(roomId, days));
    setRetention(now);
    return now.own;
  }

  const period = (days: RetentionDays) => periodText(days, t, locale);
  return (
    <DialogContent sx={{ minHeight: 200 }}>
      {error && <Alert severity="error">{error}</Alert>}
      {!error && !retention && <CircularProgress size={24} aria-label={t('messageRetention')} />}
      {retention && (
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }} data-testid="retention-values">
            {!owner && <Term label={t('roomRetentionOwn')} value={retention.own === null ? t('followsWorkspace') : period(retention.own)} />}
            <Term label={t('workspaceRetention')} value={period(retention.workspace)} />
            <Term label={t('effectiveRetention')} value={period(retention.effective)} />
          </Box>
          <Typography variant="body2" color="text.secondary">
            {t('retentionShorterApplies')}
          </Typography>
          {owner ? (
            <RetentionForm
              saved={retention.own}
              other={retention.workspace}
              noneLabel={t('followWorkspace')}
              confirmBody={(p) => t('shortenRetentionBodyRoom', { period: p })}
              onSave={save}
            />
          ) : (
            <Alert severity="info">{t('retentionOwnerOnly')}</Alert>
          )}
        </Stack>
      )}
    </DialogContent>
  );
}

function Term({ label, value }: { label: string; value: string }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, fontWeight: 500 }}>
        {value}
      </Typography>
    </>
  );
}
