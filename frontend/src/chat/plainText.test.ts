import { describe, expect, it } from 'vitest';
import { messagePreview, plainText } from './plainText';

describe('plainText', () => {
  it('keeps the words of Markdown and drops its marks', () => {
    expect(plainText('To try it:\n\n```sh\n./blau\n```\n\n- **edit** and _delete_\n- `@mentions`')).toBe(
      'To try it: ./blau edit and delete @mentions',
    );
    expect(plainText('> see [the docs](https://example.org) and 2 * 3 * 4')).toBe('see the docs and 2 * 3 * 4');
    expect(plainText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('messagePreview', () => {
  it('is the text, or for a message of files only their names', () => {
    const file = (name: string) => ({ id: name, name, contentType: 'text/plain', size: 1, url: `/f/${name}` });
    expect(messagePreview({ text: '**look**', attachments: [file('a.txt')] })).toBe('look');
    expect(messagePreview({ text: '', attachments: [file('a.txt'), file('b.png')] })).toBe('📎 a.txt, b.png');
    expect(messagePreview({ text: '' })).toBe('');
  });
});
