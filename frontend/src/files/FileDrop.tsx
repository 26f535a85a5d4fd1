import { useEffect, useRef, useState, type DragEvent } from 'react';
import { alpha, Box, Stack, Typography } from '@mui/material';
import UploadIcon from '@mui/icons-material/CloudUploadOutlined';
import { useT } from '../i18n/I18n';

/** Whether a drag carries files (not a selection of text or a link from the page). */
function carriesFiles(e: { dataTransfer: DataTransfer | null }): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes('Files');
}

/**
 * Files dragged onto an element: handlers to spread on it, and whether files are over it (to show
 * the DropOverlay). Off (no handlers) when `onFiles` is undefined.
 */
export function useFileDrop(onFiles: ((files: File[]) => void) | undefined) {
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child crossed: over the element while the count is above 0
  const depth = useRef(0);
  const enabled = !!onFiles;

  // files dropped just beside the zone would otherwise open in the tab, leaving the chat
  useEffect(() => {
    if (!enabled) return;
    const keep = (e: globalThis.DragEvent) => {
      if (carriesFiles(e)) e.preventDefault();
    };
    window.addEventListener('dragover', keep);
    window.addEventListener('drop', keep);
    return () => {
      window.removeEventListener('dragover', keep);
      window.removeEventListener('drop', keep);
    };
  }, [enabled]);

  if (!onFiles) return { over: false, handlers: {} };
  const handlers = {
    onDragEnter(e: DragEvent) {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.stopPropagation(); // a zone inside another (the thread over the room) takes the files alone
      depth.current++;
      setOver(true);
    },
    onDragOver(e: DragEvent) {
      if (!carriesFiles(e)) return;
      e.preventDefault(); // allows the drop
      e.stopPropagation();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave(e: DragEvent) {
      if (!carriesFiles(e)) return;
      e.stopPropagation();
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    },
    onDrop(e: DragEvent) {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      depth.current = 0;
      setOver(false);
      const files = Array.from(e.dataTransfer.files ?? []);
      if (files.length > 0) onFiles(files);
    },
  };
  return { over, handlers };
}

/** Shown over the drop zone (position: relative) while files are dragged over it. */
export function DropOverlay() {
  const t = useT();
  return (
    <Box
      data-testid="drop-overlay"
      aria-hidden
      sx={(theme) => ({
        position: 'absolute',
        inset: 8,
        zIndex: 5,
        display: 'grid',
        placeItems: 'center',
        borderRadius: 2,
        border: '3px dashed',
        borderColor: 'primary.main',
        bgcolor: alpha(theme.palette.background.paper, 0.9),
        pointerEvents: 'none', // the drop lands on the zone beneath
      })}
    >
      <Stack spacing={1} sx={{ alignItems: 'center', color: 'primary.main' }}>
        <UploadIcon sx={{ fontSize: 48 }} />
        <Typography variant="h6" component="p">
          {t('dropFiles')}
        </Typography>
      </Stack>
    </Box>
  );
}
