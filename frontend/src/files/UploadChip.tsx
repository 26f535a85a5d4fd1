import { Box, IconButton, LinearProgress, Paper, Typography } from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import FileIcon from '@mui/icons-material/InsertDriveFileOutlined';
import { useI18n } from '../i18n/I18n';
import { isInlineImage } from './fileKinds';
import { formatFileSize } from './fileSize';
import { uploadErrorText } from './uploadError';
import { useObjectUrl } from './useFileUrl';
import type { ChosenFile } from './useUploads';

/** The local file itself, small: nothing is fetched for it. */
function LocalPreview({ file }: { file: File }) {
  const src = useObjectUrl(file);
  return (
    <Box sx={{ width: 40, height: 40, flexShrink: 0, borderRadius: 0.5, overflow: 'hidden', bgcolor: 'action.hover' }}>
      {src && <Box component="img" src={src} alt="" sx={{ display: 'block', width: '100%', height: '100%', objectFit: 'cover' }} />}
    </Box>
  );
}

/** A file chosen for the next message: name, size, progress or why it failed, and a button that takes it back. */
export function UploadChip({ item, onRemove }: { item: ChosenFile; onRemove: () => void }) {
  const { t, locale } = useI18n();
  const { file, state } = item;
  const name = file.name || 'file';
  return (
    <Paper
      variant="outlined"
      component="li"
      data-testid="upload"
      data-state={state}
      sx={{
        display: 'flex',
        alignItems: 'center',
        gap: 1,
        p: 0.75,
        width: 'min(260px, 100%)',
        listStyle: 'none',
        borderColor: state === 'failed' ? 'error.main' : undefined,
      }}
    >
      {isInlineImage(file.type) ? <LocalPreview file={file} /> : <FileIcon color="action" sx={{ width: 40, flexShrink: 0 }} />}
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography variant="body2" noWrap title={name}>
          {name}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="div">
          {formatFileSize(file.size, locale)}
        </Typography>
        {state === 'uploading' && (
          <LinearProgress
            variant={item.progress > 0 ? 'determinate' : 'indeterminate'}
            value={Math.round(item.progress * 100)}
            aria-label={t('uploading', { name })}
            sx={{ mt: 0.5 }}
          />
        )}
        {state === 'failed' && (
          <Typography variant="caption" color="error" component="div" role="alert" data-testid="upload-error">
            {uploadErrorText(item.error, t, locale)}
          </Typography>
        )}
      </Box>
      <IconButton
        size="small"
        aria-label={state === 'uploading' ? t('cancelUpload', { name }) : t('removeFile', { name })}
        onClick={onRemove}
        sx={{ alignSelf: 'flex-start' }}
      >
        <CloseIcon fontSize="small" />
      </IconButton>
    </Paper>
  );
}
