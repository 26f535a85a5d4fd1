import type { FileInfo } from '../api/types';

/** A message's Markdown as one line of plain text, for previews and reply quotes (never rendered as markup). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, ' ') // code fences, with their language
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '') // headings, quotes, list markers
    .replace(/(\*\*|__|~~|[*_`])(?=\S)([^\n]*?\S)\1/g, '$2') // emphasis and inline code
    .replace(/`/g, '') // a backtick left alone by a cut excerpt
    .replace(/\s+/g, ' ')
    .trim();
}

/** A message in one line: its text, or for a message of files only, their names. */
export function messagePreview(message: { text: string; attachments?: FileInfo[] }): string {
  const text = plainText(message.text);
  if (text || !message.attachments?.length) return text;
  return `📎 ${message.attachments.map((f) => f.name).join(', ')}`;
}
