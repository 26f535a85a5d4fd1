/** The image types the server serves inline (and the browser shows): previewed, not just listed. */
const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function isInlineImage(contentType: string | undefined): boolean {
  return !!contentType && INLINE_IMAGES.has(contentType.split(';')[0].trim().toLowerCase());
}
