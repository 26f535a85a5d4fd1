import { describe, expect, it } from 'vitest';
import { TypingSignal } from './TypingSignal';

describe('TypingSignal', () => {
  it('announces typing at most every 3 s and stops once', () => {
    const now = { t: 0 };
    const sent: boolean[] = [];
    const s = new TypingSignal((v) => sent.push(v), () => now.t);
    s.input();
    now.t = 1000;
    s.input();
    now.t = 2999;
    s.input();
    expect(sent).toEqual([true]);
    now.t = 3000;
    s.input();
    expect(sent).toEqual([true, true]);
    s.stop();
    s.stop();
    expect(sent).toEqual([true, true, false]);
    s.input(); // typing again right after a send announces at once
    expect(sent).toEqual([true, true, false, true]);
  });
});
