import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http';
import { dictionaries, format, type MessageKey } from '../i18n/messages';
import { FileRefusal, uploadErrorText } from './uploadError';

const t = (key: MessageKey, vars?: Record<string, string | number>) => format(dictionaries.en[key], vars);
const pt = (key: MessageKey, vars?: Record<string, string | number>) => format(dictionaries['pt-BR'][key], vars);

describe('uploadErrorText', () => {
  it('says why a file was not uploaded, in the UI language', () => {
    const tooLarge = new ApiError(413, {
      type: 'https://blau.dev/problems/file-too-large',
      detail: 'A file is at most 26214400 bytes (25 MiB) here.',
      errors: [{ field: 'file', message: 'must be at most 26214400 bytes' }],
    });
    expect(uploadErrorText(tooLarge, t, 'en')).toBe('Too large: at most 25 MiB.');
    expect(uploadErrorText(tooLarge, pt, 'pt-BR')).toBe('Grande demais: no máximo 25 MiB.');
    // the detail alone is enough
    expect(uploadErrorText(new ApiError(413, { detail: 'A file is at most 10485760 bytes (10 MiB) here.' }), t, 'en')).toBe('Too large: at most 10 MiB.');
    expect(uploadErrorText(new ApiError(413, {}), t, 'en')).toBe('This file is too large.');
    expect(uploadErrorText(new FileRefusal('too-large', 26_214_400), t, 'en')).toBe('Too large: at most 25 MiB.');
    expect(uploadErrorText(new FileRefusal('too-large', 1_572_864), pt, 'pt-BR')).toBe('Grande demais: no máximo 1,5 MiB.');
    expect(uploadErrorText(new ApiError(400, { type: 'x/invalid-file', detail: 'Empty file' }), t, 'en')).toBe('This file cannot be sent.');
    expect(uploadErrorText(new ApiError(429, {}, 30), t, 'en')).toBe('Too many uploads. Try again in 30 s.');
    expect(uploadErrorText(new ApiError(0, {}), t, 'en')).toBe('Not uploaded: the server cannot be reached.');
    expect(uploadErrorText(new ApiError(404, {}), t, 'en')).toBe('Only members of the room can send files here.');
    expect(uploadErrorText(new FileRefusal('empty'), t, 'en')).toBe('The file is empty.');
    expect(uploadErrorText(new FileRefusal('too-many'), t, 'en')).toBe('At most 10 files per message.');
    expect(uploadErrorText(new Error('?'), t, 'en')).toBe('The upload failed.');
  });
});
