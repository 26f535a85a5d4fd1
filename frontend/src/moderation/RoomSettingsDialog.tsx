import { useId, useState } from 'react';
import { Dialog, DialogTitle, IconButton, Tab, Tabs } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import { useT } from '../i18n/I18n';
import { RestrictionsList } from './RestrictionsList';
import { RoomDetailsForm } from './RoomDetailsForm';
import { RoomRetentionPanel } from './RoomRetentionPanel';

type SettingsTab = 'details' | 'restrictions' | 'retention';

/** The room's settings for its owner and moderators: details, who is banned or muted, and how long messages are kept. */
export function RoomSettingsDialog({ roomId, open, onClose }: { roomId: string; open: boolean; onClose: () => void }) {
  const t = useT();
  const [tab, setTab] = useState<SettingsTab>('details');
  const titleId = useId();
  const tabsId = useId();
  const tabProps = (value: SettingsTab) => ({ value, id: `${tabsId}-${value}`, 'aria-controls': `${tabsId}-${value}-panel` });
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <DialogTitle id={titleId} sx={{ pr: 6 }}>
        {t('roomSettings')}
        <IconButton aria-label={t('close')} onClick={onClose} sx={{ position: 'absolute', right: 8, top: 8 }}>
          <CloseIcon />
        </IconButton>
      </DialogTitle>
      <Tabs
        value={tab}
        onChange={(_, next: SettingsTab) => setTab(next)}
        variant="scrollable"
        allowScrollButtonsMobile
        sx={{ px: 2, borderBottom: 1, borderColor: 'divider' }}
      >
        <Tab label={t('roomDetails')} {...tabProps('details')} />
        <Tab label={t('restrictions')} {...tabProps('restrictions')} />
        <Tab label={t('messageRetention')} {...tabProps('retention')} />
      </Tabs>
      <div role="tabpanel" id={`${tabsId}-${tab}-panel`} aria-labelledby={`${tabsId}-${tab}`}>
        {tab === 'details' && <RoomDetailsForm roomId={roomId} onDone={onClose} />}
        {tab === 'restrictions' && <RestrictionsList roomId={roomId} />}
        {tab === 'retention' && <RoomRetentionPanel roomId={roomId} />}
      </div>
    </Dialog>
  );
}
