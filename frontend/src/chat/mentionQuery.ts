import type { Member } from '../api/types';

/** The name being typed after an '@' just before the caret, or undefined when the caret is not in one. */
export function mentionQuery(text: string, caret: number): string | undefined {
  const match = /(?:^|[^A-Za-z0-9._@-])@([A-Za-z0-9._-]{0,31})$/.exec(text.slice(0, caret));
  return match ? match[1] : undefined;
}

/** Members whose username or display name starts with the query (no case), the user left out; @room for those who run the room. */
export function mentionCandidates(query: string, members: Member[], meId: string | undefined, moderates: boolean, max = 6): string[] {
  const q = query.toLowerCase();
  const names = members
    .filter((m) => m.id !== meId)
    .filter((m) => m.username.toLowerCase().startsWith(q) || (m.displayName ?? '').toLowerCase().startsWith(q))
    .map((m) => m.username);
  if (moderates && 'room'.startsWith(q)) names.push('room');
  return names.slice(0, max);
}

/** The text with the '@query' before the caret replaced by '@name ', and where the caret goes. */
export function insertMention(text: string, caret: number, name: string): { text: string; caret: number } {
  const before = text.slice(0, caret).replace(/@([A-Za-z0-9._-]{0,31})$/, `@${name} `);
  return { text: before + text.slice(caret), caret: before.length };
}
