import { ApiError } from '../api/http';
import type { TooLargeProblem } from '../api/upload';
import type { Translate } from '../i18n/I18n';
import { formatFileSize } from './fileSize';

/** The most files one message may carry (the server refuses more). */
export const MAX_ATTACHMENTS = 10;

/** A file refused before it was sent: nothing in it, or one too many for a message. */
export class FileRefusal extends Error {
  constructor(readonly reason: 'empty' | 'too-many') {
    super(reason);
  }
}

const endsWith = (e: ApiError, kind: string) => !!e.problem.type?.endsWith(kind);

/** Why a file was not uploaded, in the UI's language (the server's own words are English). */
export function uploadErrorText(error: unknown, t: Translate, locale: string): string {
  if (error instanceof FileRefusal) return error.reason === 'empty' ? t('fileEmpty') : t('tooManyFiles', { max: MAX_ATTACHMENTS });
  if (!(error instanceof ApiError)) return t('uploadFailed');
  if (error.status === 413 || endsWith(error, 'file-too-large')) {
    const max = (error.problem as TooLargeProblem).maxBytes;
    return typeof max === 'number' ? t('fileTooLarge', { max: formatFileSize(max, locale) }) : t('fileTooLargeNoLimit');
  }
  if (error.status === 400 || endsWith(error, 'invalid-file')) return t('fileRefused');
  if (error.status === 404 || error.status === 403) return t('uploadNotMember');
  if (error.status === 429) {
    return error.retryAfter !== undefined ? t('uploadRateLimited', { seconds: error.retryAfter }) : t('uploadRateLimitedSoon');
  }
  if (error.status === 0) return t('uploadNetworkError');
  return t('uploadFailed');
}
