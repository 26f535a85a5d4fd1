const UNITS = ['B', 'KB', 'MB', 'GB'];

/**
 * A size as people read it: 1.2 MB, 340 KB, 512 B (steps of 1024, so a limit of 25 MiB reads
 * "25 MB"), with the language's decimal mark.
 */
export function formatFileSize(bytes: number, locale = 'en'): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // 1023.96 KB would round to "1,024 KB": one unit up instead
  if (unit < UNITS.length - 1 && Math.round(value * 10) / 10 >= 1024) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}

const KIB = 1024;
const MIB = 1024 * 1024;

/**
 * A limit on a file's size in binary units, as the server counts it: 25 MiB, 1.5 MiB, 512 KiB.
 * Rounded down (a limit is never read as more than it is), with the language's decimal mark.
 */
export function formatSizeLimit(bytes: number, locale = 'en'): string {
  const [value, unit] = bytes >= MIB ? [bytes / MIB, 'MiB'] : bytes >= KIB ? [bytes / KIB, 'KiB'] : [bytes, 'B'];
  const shown = unit === 'B' ? Math.floor(value) : Math.floor(value * 10) / 10;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(shown)} ${unit}`;
}
