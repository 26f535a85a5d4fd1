import { useEffect, useRef, useState, type FormEvent } from 'react';
import { alpha, Box, IconButton, InputBase, Tooltip } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useT } from '../i18n/I18n';
import { QUERY_MAX } from '../search/SearchPanel';

/** Whether a key typed there is text being written (the `/` shortcut must not steal it). */
function writing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

interface Props {
  /** an icon that opens the search panel instead of a box (narrow screens) */
  compact: boolean;
  /** while false (the panel is open) the shortcuts are left alone */
  shortcuts: boolean;
  onSearch: (q: string) => void;
  onOpen: () => void;
}

/** The top bar's message search; Ctrl+K (⌘K) or `/` goes to it from anywhere. */
export function SearchBox({ compact, shortcuts, onSearch, onOpen }: Props) {
  const t = useT();
  const [q, setQ] = useState('');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!shortcuts) return;
    const onKey = (e: KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k';
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !writing(e.target);
      if (!ctrlK && !slash) return;
      e.preventDefault();
      if (compact) onOpen();
      else {
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcuts, compact, onOpen]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (q.trim()) onSearch(q.trim());
  }

  if (compact) {
    return (
      <Tooltip title={t('searchMessages')}>
        <IconButton color="inherit" aria-label={t('searchMessages')} onClick={onOpen}>
          <SearchIcon />
        </IconButton>
      </Tooltip>
    );
  }
  return (
    <Box
      component="form"
      role="search"
      onSubmit={submit}
      sx={(theme) => ({
        display: 'flex',
        alignItems: 'center',
        gap: 0.5,
        px: 1,
        width: 'clamp(180px, 24vw, 320px)',
        borderRadius: 1,
        // on the light theme's blue bar a darker field keeps white text above 4.5:1; the dark bar takes a lighter one
        bgcolor: theme.palette.mode === 'dark' ? alpha(theme.palette.common.white, 0.1) : alpha(theme.palette.common.black, 0.15),
        '&:hover, &:focus-within': {
          bgcolor: theme.palette.mode === 'dark' ? alpha(theme.palette.common.white, 0.15) : alpha(theme.palette.common.black, 0.25),
        },
      })}
    >
      <SearchIcon fontSize="small" aria-hidden />
      <InputBase
        inputRef={input}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t('searchPlaceholder')}
        sx={{ color: 'inherit', flex: 1, '& input::placeholder': { opacity: 0.8 } }}
        slotProps={{ input: { 'aria-label': t('searchMessages'), maxLength: QUERY_MAX, 'aria-keyshortcuts': 'Control+K Meta+K /' } }}
      />
    </Box>
  );
}
