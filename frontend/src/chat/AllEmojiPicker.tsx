import { useMemo } from 'react';
import { useTheme } from '@mui/material';
import EmojiPicker, { EmojiStyle, type PickerLabels } from 'emoji-picker-react';
import { useI18n } from '../i18n/I18n';

// Portuguese emoji names and categories, a chunk of their own: only pt-BR readers load them.
const portuguese = () => import('emoji-picker-react/data/emojis-pt');

interface Props {
  /** the chosen emoji as text, its skin tone included */
  onPick: (emoji: string) => void;
}

/**
 * Every emoji, with search, categories and skin tones. Large (all emoji and their names), so it is
 * only ever imported lazily. Native glyphs only: the image styles load from a CDN, which BLAU's
 * Content-Security-Policy (img-src 'self' data: blob:) forbids and a self-hosted chat should not call.
 */
export function AllEmojiPicker({ onPick }: Props) {
  const { t, locale } = useI18n();
  const mode = useTheme().palette.mode;
  const labels = useMemo<Partial<PickerLabels>>(
    () => ({
      searchPlaceholder: t('emojiSearch'),
      searchLabel: t('emojiSearch'),
      searchClear: t('emojiSearchClear'),
      searchResultsNone: t('emojiResultsNone'),
      searchResultsOne: t('emojiResultsOne'),
      searchResultsMany: t('emojiResultsMany'),
      categoryNavigation: t('emojiCategories'),
      loading: t('loadingEmoji'),
      loadingError: t('emojiLoadFailed'),
      retryLoading: t('emojiRetry'),
      skinToneNeutral: t('skinToneNeutral'),
      skinToneLight: t('skinToneLight'),
      skinToneMediumLight: t('skinToneMediumLight'),
      skinToneMedium: t('skinToneMedium'),
      skinToneMediumDark: t('skinToneMediumDark'),
      skinToneDark: t('skinToneDark'),
    }),
    [t],
  );
  return (
    <EmojiPicker
      emojiStyle={EmojiStyle.NATIVE}
      colorScheme={mode}
      emojiData={locale === 'pt-BR' ? portuguese : undefined}
      labels={labels}
      width="min(350px, calc(100vw - 32px))"
      height={420}
      onEmojiClick={(picked) => onPick(picked.emoji)}
    />
  );
}
