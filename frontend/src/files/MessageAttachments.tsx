import { useState } from 'react';
import { Box, ButtonBase, CircularProgress, Skeleton, Stack, Typography } from '@mui/material';
import BrokenImageIcon from '@mui/icons-material/BrokenImageOutlined';
import DownloadIcon from '@mui/icons-material/DownloadOutlined';
import FileIcon from '@mui/icons-material/InsertDriveFileOutlined';
import type { FileInfo } from '../api/types';
import { useI18n, useT } from '../i18n/I18n';
import { useDownload } from './download';
import { isInlineImage } from './fileKinds';
import { formatFileSize } from './fileSize';
import { ImageLightbox } from './ImageLightbox';
import { useFileUrl } from './useFileUrl';

/** The largest an image preview is shown in a message, either side. */
export const PREVIEW_MAX = 360;
/** A preview's box when the server gave no size. */
const UNKNOWN_SIZE = { width: 240, height: 180 };

/** A width × height scaled down (never up) to fit max × max, keeping its aspect ratio. */
export function fitWithin(width: number | undefined, height: number | undefined, max = PREVIEW_MAX) {
  if (!width || !height || width <= 0 || height <= 0) return undefined;
  const scale = Math.min(1, max / width, max / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A message's files, under its text: images as previews that open large, the rest as cards that download. */
export function MessageAttachments({ files }: { files: FileInfo[] }) {
  const t = useT();
  return (
    <Stack component="ul" spacing={0.75} aria-label={t('attachments')} data-testid="attachments" sx={{ m: 0, mt: 0.75, p: 0, listStyle: 'none' }}>
      {files.map((file) => (
        <Box component="li" key={file.id} sx={{ minWidth: 0 }}>
          {isInlineImage(file.contentType) ? <ImageAttachment file={file} /> : <FileAttachment file={file} />}
        </Box>
      ))}
    </Stack>
  );
}

/** An image's thumbnail (the image itself when it has none), its box sized before it loads so the list does not jump. */
function ImageAttachment({ file }: { file: FileInfo }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const box = fitWithin(file.width, file.height) ?? UNKNOWN_SIZE;
  const { src, failed } = useFileUrl(file.thumbnailUrl ?? file.url);
  return (
    <>
      <ButtonBase
        onClick={() => setOpen(true)}
        aria-label={t('openImage', { name: file.name })}
        data-testid="image-attachment"
        sx={{
          display: 'block',
          width: box.width,
          maxWidth: '100%',
          aspectRatio: `${box.width} / ${box.height}`,
          borderRadius: 1,
          overflow: 'hidden',
          bgcolor: 'action.hover',
          '&:focus-visible': { outline: '2px solid', outlineColor: 'secondary.main', outlineOffset: 2 },
        }}
      >
        {src ? (
          <Box component="img" src={src} alt={file.name} sx={{ display: 'block', width: '100%', height: '100%', objectFit: 'contain' }} />
        ) : failed ? (
          <Stack spacing={0.5} sx={{ height: '100%', alignItems: 'center', justifyContent: 'center', p: 1, color: 'text.secondary' }}>
            <BrokenImageIcon />
            <Typography variant="caption">{t('imageUnavailable')}</Typography>
          </Stack>
        ) : (
          <Skeleton variant="rectangular" animation="wave" width="100%" height="100%" />
        )}
      </ButtonBase>
      {open && <ImageLightbox file={file} onClose={() => setOpen(false)} />}
    </>
  );
}

/** Any other file: its name and size; a click downloads it. */
function FileAttachment({ file }: { file: FileInfo }) {
  const { t, locale } = useI18n();
  const { download, busy, failed } = useDownload(file);
  const size = formatFileSize(file.size, locale);
  return (
    <>
      <ButtonBase
        onClick={() => void download()}
        aria-label={t('downloadFileOfSize', { name: file.name, size })}
        aria-busy={busy || undefined}
        data-testid="file-attachment"
        sx={{
          display: 'flex',
          gap: 1,
          alignItems: 'center',
          justifyContent: 'flex-start',
          width: 'min(320px, 100%)',
          p: 1,
          borderRadius: 1,
          border: 1,
          borderColor: 'divider',
          bgcolor: 'background.paper',
          color: 'text.primary',
          textAlign: 'left',
          '&:hover': { bgcolor: 'action.hover' },
          '&:focus-visible': { outline: '2px solid', outlineColor: 'secondary.main', outlineOffset: 2 },
        }}
      >
        <FileIcon color="action" />
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="body2" noWrap sx={{ fontWeight: 600 }}>
            {file.name}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {size}
          </Typography>
        </Box>
        {busy ? <CircularProgress size={18} aria-hidden /> : <DownloadIcon fontSize="small" color="action" />}
      </ButtonBase>
      {failed && (
        <Typography variant="caption" component="div" role="alert" sx={{ fontWeight: 700 }}>
          {t('downloadFailed')}
        </Typography>
      )}
    </>
  );
}
