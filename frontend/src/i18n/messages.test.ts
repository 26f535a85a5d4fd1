import { describe, expect, it } from 'vitest';
import { browserLocale, dictionaries, en, format } from './messages';

describe('i18n', () => {
  it('picks Portuguese for any pt browser language, English otherwise', () => {
    expect(browserLocale(['pt-BR', 'en'])).toBe('pt-BR');
    expect(browserLocale(['pt-PT'])).toBe('pt-BR');
    expect(browserLocale(['de-DE', 'en-GB'])).toBe('en');
    expect(browserLocale(['fr'])).toBe('en');
  });

  it('has every word in both languages and fills placeholders', () => {
    for (const dict of Object.values(dictionaries)) expect(Object.keys(dict).sort()).toEqual(Object.keys(en).sort());
    expect(format(dictionaries['pt-BR'].typingOne, { name: 'Ana' })).toBe('Ana está digitando…');
  });
});
