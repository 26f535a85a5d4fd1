import { describe, expect, it } from 'vitest';
import { formatFileSize } from './fileSize';

describe('formatFileSize', () => {
  it('reads as people read sizes, in steps of 1024', () => {
    expect(formatFileSize(0)).toBe('0 B');
    expect(formatFileSize(512)).toBe('512 B');
    expect(formatFileSize(1024)).toBe('1 KB');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(1.2 * 1024 * 1024)).toBe('1.2 MB');
    expect(formatFileSize(25 * 1024 * 1024)).toBe('25 MB'); // the server's default limit
    expect(formatFileSize(3 * 1024 ** 3)).toBe('3 GB');
  });

  it('goes one unit up rather than showing 1024 of one', () => {
    expect(formatFileSize(1024 * 1024 - 1)).toBe('1 MB');
  });

  it('uses the language’s decimal mark', () => {
    expect(formatFileSize(1.2 * 1024 * 1024, 'pt-BR')).toBe('1,2 MB');
  });
});
