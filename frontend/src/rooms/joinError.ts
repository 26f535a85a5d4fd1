import { ApiError } from '../api/http';
import type { Translate } from '../i18n/I18n';
import { problemText } from '../moderation/moderation';

/** Why joining a room failed: a ban in the UI's language, then the server's detail (until when). */
export function joinErrorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.code === 'banned') {
    return error.problem.detail ? `${t('joinBanned')} ${error.problem.detail}` : t('joinBanned');
  }
  return problemText(error, t);
}
