import { describe, expect, it } from 'vitest';
import { dictionaries, format, type MessageKey } from '../i18n/messages';
import { daysOf, deletesMore, effectiveDays, parseDays, periodText } from './retention';

const t = (key: MessageKey, vars?: Record<string, string | number>) => format(dictionaries.en[key], vars);
const pt = (key: MessageKey, vars?: Record<string, string | number>) => format(dictionaries['pt-BR'][key], vars);

describe('retention', () => {
  it('takes an absent value as kept for good', () => {
    expect(daysOf(undefined)).toBeNull();
    expect(daysOf(null)).toBeNull();
    expect(daysOf(30)).toBe(30);
  });

  it('applies the shorter of two, for good only when neither is set', () => {
    expect(effectiveDays(null, null)).toBeNull();
    expect(effectiveDays(30, null)).toBe(30);
    expect(effectiveDays(null, 7)).toBe(7);
    expect(effectiveDays(30, 7)).toBe(7);
  });

  it('deletes more when a limit comes where there was none, or a shorter one', () => {
    expect(deletesMore(null, 30)).toBe(true);
    expect(deletesMore(30, 7)).toBe(true);
    expect(deletesMore(7, 30)).toBe(false);
    expect(deletesMore(30, 30)).toBe(false);
    expect(deletesMore(30, null)).toBe(false);
    expect(deletesMore(null, null)).toBe(false);
  });

  it('reads whole days from 1 to 3650 only', () => {
    expect(parseDays(' 30 ')).toBe(30);
    expect(parseDays('1')).toBe(1);
    expect(parseDays('3650')).toBe(3650);
    for (const wrong of ['', '0', '3651', '2.5', '-3', '1e2', 'ten']) expect(parseDays(wrong)).toBeUndefined();
  });

  it('says a period in words, in both languages', () => {
    expect(periodText(null, t, 'en')).toBe('Kept for good');
    expect(periodText(1, t, 'en')).toBe('1 day');
    expect(periodText(3650, t, 'en')).toBe('3,650 days');
    expect(periodText(1, pt, 'pt-BR')).toBe('1 dia');
    expect(periodText(3650, pt, 'pt-BR')).toBe('3.650 dias');
    expect(periodText(null, pt, 'pt-BR')).toBe('Guardadas para sempre');
  });
});
