import { Box, CircularProgress, Dialog, DialogContent, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import DownloadIcon from '@mui/icons-material/DownloadOutlined';
import type { FileInfo } from '../api/types';
import { useT } from '../i18n/I18n';
import { saveBlob, useDownload } from './download';
import { useFileBlob, useObjectUrl } from './useFileUrl';

/** An image at full size (its `url`, not the thumbnail) over the page; Escape or Close ends it. */
export function ImageLightbox({ file, onClose }: { file: FileInfo; onClose: () => void }) {
  const t = useT();
  const { blob, failed } = useFileBlob(file.url);
  const src = useObjectUrl(blob);
  const fetched = useDownload(file);
  const titleId = `lightbox-title-${file.id}`;
  // the image shown is the file: saved from memory when it is there
  const download = () => (blob ? saveBlob(blob, file.name) : void fetched.download());
  return (
    <Dialog open onClose={onClose} maxWidth={false} aria-labelledby={titleId} data-testid="lightbox">
      {/* a header row of its own, not a DialogTitle: that would take the id too, and name the dialog with the buttons' labels */}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', pl: 3, pr: 1, py: 1 }}>
        <Typography id={titleId} variant="h6" component="h2" sx={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
          {file.name}
        </Typography>
        <Tooltip disableInteractive title={t('downloadFile', { name: file.name })}>
          <IconButton aria-label={t('downloadFile', { name: file.name })} onClick={download} disabled={fetched.busy}>
            <DownloadIcon />
          </IconButton>
        </Tooltip>
        <IconButton aria-label={t('close')} onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </Stack>
      <DialogContent sx={{ p: 1, display: 'grid', placeItems: 'center', minWidth: 200, minHeight: 160 }}>
        {src ? (
          <Box
            component="img"
            src={src}
            alt={file.name}
            data-testid="lightbox-image"
            sx={{ display: 'block', maxWidth: 'calc(100vw - 96px)', maxHeight: 'calc(100vh - 160px)', objectFit: 'contain' }}
          />
        ) : failed ? (
          <Typography color="error">{t('imageUnavailable')}</Typography>
        ) : (
          <CircularProgress aria-label={t('loadingImage')} />
        )}
        {fetched.failed && (
          <Typography variant="caption" color="error" role="alert">
            {t('downloadFailed')}
          </Typography>
        )}
      </DialogContent>
    </Dialog>
  );
}
