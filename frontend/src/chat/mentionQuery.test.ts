import { describe, expect, it } from 'vitest';
import { insertMention, mentionCandidates, mentionQuery } from './mentionQuery';

const members = [
  { id: 'me', username: 'me' },
  { id: 'a', username: 'ana.lima', displayName: 'Ana Lima' },
  { id: 'b', username: 'bruno', displayName: 'Bruno' },
  { id: 'c', username: 'anselmo', displayName: 'Zé' },
];

describe('mentions in the composer', () => {
  it('finds the name typed after an @ at the caret, not inside an e-mail address', () => {
    expect(mentionQuery('hi @an', 6)).toBe('an');
    expect(mentionQuery('@', 1)).toBe('');
    expect(mentionQuery('mail ana@ex', 11)).toBeUndefined();
    expect(mentionQuery('hi @ana there', 13)).toBeUndefined();
  });

  it('offers members by username or display name, never oneself, and @room to those who run the room', () => {
    expect(mentionCandidates('an', members, 'me', false)).toEqual(['ana.lima', 'anselmo']);
    expect(mentionCandidates('z', members, 'me', false)).toEqual(['anselmo']);
    expect(mentionCandidates('', members, 'me', true)).toEqual(['ana.lima', 'bruno', 'anselmo', 'room']);
    expect(mentionCandidates('r', members, 'me', false)).toEqual([]);
  });

  it('puts the chosen name in place of what was typed', () => {
    expect(insertMention('hi @an, see', 6, 'ana.lima')).toEqual({ text: 'hi @ana.lima , see', caret: 13 });
  });
});
