import { ApiError } from '../api/http';
import { uploadLimitOf } from '../api/upload';
import type { Translate } from '../i18n/I18n';
import { formatSizeLimit } from './fileSize';

/** The most files one message may carry (the server refuses more). */
export const MAX_ATTACHMENTS = 10;

/** A file refused before it was sent: nothing in it, one too many for a message, or larger than the server's known limit. */
export class FileRefusal extends Error {
  constructor(
    readonly reason: 'empty' | 'too-many' | 'too-large',
    /** with `too-large`: the limit, in bytes */
    readonly maxBytes?: number,
  ) {
    super(reason);
  }
}

/** The limit in words ("Too large: at most 25 MiB."), or that the file is too large when no limit is known. */
function tooLarge(maxBytes: number | undefined, t: Translate, locale: string): string {
  return maxBytes !== undefined ? t('fileTooLarge', { max: formatSizeLimit(maxBytes, locale) }) : t('fileTooLargeNoLimit');
}

const endsWith = (e: ApiError, kind: string) => !!e.problem.type?.endsWith(kind);

/** Why a file was not uploaded, in the UI's language (the server's own words are English). */
export function uploadErrorText(error: unknown, t: Translate, locale: string): string {
  if (error instanceof FileRefusal) {
    if (error.reason === 'too-large') return tooLarge(error.maxBytes, t, locale);
    return error.reason === 'empty' ? t('fileEmpty') : t('tooManyFiles', { max: MAX_ATTACHMENTS });
  }
  if (!(error instanceof ApiError)) return t('uploadFailed');
  if (error.status === 413 || endsWith(error, 'file-too-large')) return tooLarge(uploadLimitOf(error.problem), t, locale);
  if (error.status === 400 || endsWith(error, 'invalid-file')) return t('fileRefused');
  if (error.status === 404 || error.status === 403) return t('uploadNotMember');
  if (error.status === 429) {
    return error.retryAfter !== undefined ? t('uploadRateLimited', { seconds: error.retryAfter }) : t('uploadRateLimitedSoon');
  }
  if (error.status === 0) return t('uploadNetworkError');
  return t('uploadFailed');
}
