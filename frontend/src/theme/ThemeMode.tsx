import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { CssBaseline, ThemeProvider, createTheme } from '@mui/material';

export type Mode = 'light' | 'dark';

interface ThemeModeValue {
  mode: Mode;
  toggle: () => void;
}

const ThemeModeContext = createContext<ThemeModeValue>({ mode: 'light', toggle: () => {} });

function preferredMode(): Mode {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function ThemeModeProvider({ children }: { children: ReactNode }) {
  const [mode, setMode] = useState<Mode>(preferredMode);
  const theme = useMemo(
    () =>
      createTheme({
        palette: {
          mode,
          primary: { main: mode === 'dark' ? '#8ab4f8' : '#1f5fbf' },
          secondary: { main: mode === 'dark' ? '#f6ae2d' : '#9a4d00' },
          background: mode === 'dark' ? { default: '#121417', paper: '#1b1e23' } : { default: '#f4f6fa', paper: '#ffffff' },
        },
        shape: { borderRadius: 10 },
        components: {
          // a visible focus ring for keyboard users on every button-like element
          MuiButtonBase: {
            styleOverrides: {
              root: {
                '&.Mui-focusVisible': { outline: `2px solid ${mode === 'dark' ? '#8ab4f8' : '#1f5fbf'}`, outlineOffset: 2 },
              },
            },
          },
        },
      }),
    [mode],
  );
  const value = useMemo(() => ({ mode, toggle: () => setMode((m) => (m === 'dark' ? 'light' : 'dark')) }), [mode]);
  return (
    <ThemeModeContext.Provider value={value}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {children}
      </ThemeProvider>
    </ThemeModeContext.Provider>
  );
}

export function useThemeMode(): ThemeModeValue {
  return useContext(ThemeModeContext);
}
