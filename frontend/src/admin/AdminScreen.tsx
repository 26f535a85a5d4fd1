import { useEffect, useId, useMemo } from 'react';
import { AppBar, Box, Button, Tab, Tabs, Toolbar, Typography } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { AdminApi } from '../api/adminApi';
import { useAuth } from '../auth/AuthProvider';
import { useT } from '../i18n/I18n';
import type { MessageKey } from '../i18n/messages';
import { PreferencesBar } from '../shell/PreferencesBar';
import { AuditLog } from './audit/AuditLog';
import { RetentionAdmin } from './retention/RetentionAdmin';
import { RoomsAdmin } from './rooms/RoomsAdmin';
import { adminPath, ADMIN_SECTIONS, followLink, navigate, type AdminSection } from './route';
import { UsageOverview } from './usage/UsageOverview';
import { UsersAdmin } from './users/UsersAdmin';

const LABELS: Record<AdminSection, MessageKey> = {
  overview: 'adminOverview',
  users: 'adminUsers',
  rooms: 'rooms',
  retention: 'retention',
  audit: 'auditLog',
};

/** The administration: usage, accounts, rooms, message retention and the audit log, one tab (and address) each. */
export function AdminScreen({ section }: { section: AdminSection }) {
  const t = useT();
  const { http, identity } = useAuth();
  const api = useMemo(() => new AdminApi(http), [http]);
  const tabsId = useId();
  const tabId = (s: AdminSection) => `${tabsId}-${s}`;

  useEffect(() => {
    document.title = `${t('administration')} · BLAU`;
  }, [t]);

  return (
    <Box sx={{ display: 'flex', height: '100dvh', flexDirection: 'column' }}>
      <AppBar position="static" elevation={1}>
        <Toolbar sx={{ gap: 1 }}>
          <Button component="a" href="/" color="inherit" startIcon={<ArrowBackIcon />} onClick={(e) => followLink(e, '/')}>
            {t('backToChat')}
          </Button>
          <Typography variant="h6" component="h1" noWrap sx={{ flex: 1, minWidth: 0 }}>
            {t('administration')}
          </Typography>
          <PreferencesBar color="inherit" />
        </Toolbar>
      </AppBar>
      <Tabs
        value={section}
        onChange={(_, next: AdminSection) => navigate(adminPath(next))}
        aria-label={t('adminSections')}
        variant="scrollable"
        allowScrollButtonsMobile
        sx={{ px: 2, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}
      >
        {ADMIN_SECTIONS.map((s) => (
          <Tab key={s} value={s} label={t(LABELS[s])} id={tabId(s)} aria-controls={`${tabId(s)}-panel`} />
        ))}
      </Tabs>
      <Box component="main" sx={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>
        <Box role="tabpanel" id={`${tabId(section)}-panel`} aria-labelledby={tabId(section)} sx={{ p: { xs: 1.5, sm: 3 }, maxWidth: 1200, mx: 'auto' }}>
          {section === 'overview' && <UsageOverview api={api} />}
          {section === 'users' && <UsersAdmin api={api} selfId={identity?.id} />}
          {section === 'rooms' && <RoomsAdmin api={api} />}
          {section === 'retention' && <RetentionAdmin api={api} />}
          {section === 'audit' && <AuditLog api={api} />}
        </Box>
      </Box>
    </Box>
  );
}
