import { describe, expect, it } from 'vitest';
import { formatFileSize, formatSizeLimit } from './fileSize';

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

describe('formatSizeLimit', () => {
  it('says a limit in binary units, never more than it is', () => {
    expect(formatSizeLimit(26_214_400)).toBe('25 MiB'); // the server's default
    expect(formatSizeLimit(1.5 * 1024 * 1024)).toBe('1.5 MiB');
    expect(formatSizeLimit(2 * 1024 * 1024 - 1)).toBe('1.9 MiB'); // not "2 MiB": that would be more than allowed
    expect(formatSizeLimit(10_000_000)).toBe('9.5 MiB');
    expect(formatSizeLimit(512 * 1024)).toBe('512 KiB');
    expect(formatSizeLimit(100)).toBe('100 B');
    expect(formatSizeLimit(1.5 * 1024 * 1024, 'pt-BR')).toBe('1,5 MiB');
  });
});
