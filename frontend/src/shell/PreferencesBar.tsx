import { IconButton, MenuItem, Select, Stack, Tooltip } from '@mui/material';
import DarkModeIcon from '@mui/icons-material/DarkMode';
import LightModeIcon from '@mui/icons-material/LightMode';
import { useI18n } from '../i18n/I18n';
import type { Locale } from '../i18n/messages';
import { useThemeMode } from '../theme/ThemeMode';

/** Theme and language switches, on the sign-in screen and in the app bar. */
export function PreferencesBar({ color }: { color?: 'inherit' }) {
  const { mode, toggle } = useThemeMode();
  const { locale, setLocale, t } = useI18n();
  const label = mode === 'dark' ? t('lightTheme') : t('darkTheme');
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <Tooltip title={label}>
        <IconButton onClick={toggle} aria-label={label} color={color}>
          {mode === 'dark' ? <LightModeIcon /> : <DarkModeIcon />}
        </IconButton>
      </Tooltip>
      <Select
        size="small"
        variant="standard"
        disableUnderline
        value={locale}
        onChange={(e) => setLocale(e.target.value as Locale)}
        inputProps={{ 'aria-label': t('language') }}
        sx={{ color: color ? 'inherit' : undefined, '& .MuiSvgIcon-root': { color: 'inherit' }, fontSize: 14 }}
      >
        <MenuItem value="en">EN</MenuItem>
        <MenuItem value="pt-BR">PT</MenuItem>
      </Select>
    </Stack>
  );
}
