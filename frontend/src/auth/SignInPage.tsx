import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Divider, Paper, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import LoginIcon from '@mui/icons-material/Login';
import { ApiError } from '../api/http';
import { useT } from '../i18n/I18n';
import { PreferencesBar } from '../shell/PreferencesBar';
import { useAuth } from './AuthProvider';

type Fields = Record<string, string>;

const MFA_REQUIRED = 'https://blau.dev/problems/mfa-required';

/** Field messages from a problem+json answer, and the general message when no field is named. */
function describe(e: unknown, fallback: string, network: string): { fields: Fields; general?: string } {
  if (e instanceof ApiError) {
    if (e.status === 0) return { fields: {}, general: network };
    const fields: Fields = {};
    for (const err of e.problem.errors ?? []) fields[err.field] = fields[err.field] ? `${fields[err.field]}; ${err.message}` : err.message;
    return { fields, general: Object.keys(fields).length ? undefined : e.problem.detail || e.problem.title || fallback };
  }
  return { fields: {}, general: fallback };
}

/** notice: why the user was signed out without asking (session ended elsewhere, account disabled), or that their account is being erased. */
export function SignInPage({ initialError, notice, noticeSeverity = 'warning' }: {
  initialError?: string;
  notice?: string;
  noticeSeverity?: 'info' | 'warning';
}) {
  const t = useT();
  const [tab, setTab] = useState<'signin' | 'register'>('signin');
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper sx={{ width: '100%', maxWidth: 420, p: { xs: 2, sm: 4 } }} elevation={3}>
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 2 }}>
          <Typography variant="h4" component="h1" sx={{ fontWeight: 700, color: 'primary.main' }}>
            {t('appName')}
          </Typography>
          <PreferencesBar />
        </Stack>
        <Tabs value={tab} onChange={(_, v: 'signin' | 'register') => setTab(v)} variant="fullWidth" sx={{ mb: 2 }}>
          <Tab value="signin" label={t('signIn')} id="tab-signin" aria-controls="panel-signin" />
          <Tab value="register" label={t('createAccount')} id="tab-register" aria-controls="panel-register" />
        </Tabs>
        {notice && (
          <Alert severity={noticeSeverity} sx={{ mb: 2 }}>
            {notice}
          </Alert>
        )}
        {initialError && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {initialError}
          </Alert>
        )}
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {tab === 'signin' ? <SignInForm /> : <RegisterForm />}
        </div>
        <Divider sx={{ my: 2 }}>{t('or')}</Divider>
        <SsoButton />
      </Paper>
    </Box>
  );
}

export function SignInForm() {
  const t = useT();
  const auth = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ fields: Fields; general?: string }>({ fields: {} });
  // the password was right, but the account signs in with a one-time code: single sign-on asks for it
  const [secondFactor, setSecondFactor] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({ fields: {} });
    setSecondFactor(false);
    try {
      await auth.login(username.trim(), password);
    } catch (err) {
      if (err instanceof ApiError && err.problem.type === MFA_REQUIRED) {
        setSecondFactor(true);
      } else {
        setErrors(describe(err, t('somethingWrong'), t('networkError')));
      }
      setBusy(false);
    }
  }

  return (
    <Stack component="form" spacing={2} onSubmit={submit} noValidate aria-label={t('signIn')}>
      {errors.general && <Alert severity="error">{errors.general}</Alert>}
      {secondFactor && (
        <Alert
          severity="info"
          action={
            <Button color="inherit" size="small" onClick={() => void auth.startSso({ loginHint: username.trim() })}>
              {t('continueSso')}
            </Button>
          }
        >
          {t('secondFactorNeeded')}
        </Alert>
      )}
      <TextField
        label={t('username')}
        name="username"
        autoComplete="username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        error={!!errors.fields.username}
        helperText={errors.fields.username ?? t('usernameHelp')}
        required
        autoFocus
      />
      <TextField
        label={t('password')}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={!!errors.fields.password}
        helperText={errors.fields.password}
        required
      />
      <Button type="submit" variant="contained" size="large" disabled={busy}>
        {t('signIn')}
      </Button>
    </Stack>
  );
}

export function RegisterForm() {
  const t = useT();
  const auth = useAuth();
  const [form, setForm] = useState({ username: '', email: '', displayName: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ fields: Fields; general?: string }>({ fields: {} });
  const field = (name: keyof typeof form) => ({
    name,
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
    error: !!errors.fields[name],
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({ fields: {} });
    try {
      await auth.register({ ...form, username: form.username.trim(), email: form.email.trim() });
    } catch (err) {
      setErrors(describe(err, t('somethingWrong'), t('networkError')));
      setBusy(false);
    }
  }

  return (
    <Stack component="form" spacing={2} onSubmit={submit} noValidate aria-label={t('createAccount')}>
      {errors.general && <Alert severity="error">{errors.general}</Alert>}
      <TextField label={t('username')} autoComplete="username" required autoFocus {...field('username')} helperText={errors.fields.username} />
      <TextField label={t('email')} type="email" autoComplete="email" required {...field('email')} helperText={errors.fields.email} />
      <TextField
        label={t('displayName')}
        autoComplete="name"
        {...field('displayName')}
        helperText={errors.fields.displayName ?? t('optional')}
      />
      <TextField
        label={t('password')}
        type="password"
        autoComplete="new-password"
        required
        {...field('password')}
        helperText={errors.fields.password}
      />
      <Button type="submit" variant="contained" size="large" disabled={busy}>
        {t('createAccount')}
      </Button>
    </Stack>
  );
}

function SsoButton() {
  const t = useT();
  const auth = useAuth();
  return (
    <Button fullWidth variant="outlined" size="large" startIcon={<LoginIcon />} onClick={() => void auth.startSso()}>
      {t('signInSso')}
    </Button>
  );
}
