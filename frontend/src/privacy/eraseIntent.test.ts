import { afterEach, describe, expect, it } from 'vitest';
import { forgetEraseIntent, hasEraseIntent, rememberEraseIntent } from './eraseIntent';

describe('the erasure remembered across signing in again', () => {
  afterEach(() => sessionStorage.clear());

  it('is this user’s, for a quarter of an hour, until forgotten', () => {
    const at = Date.parse('2026-12-02T10:00:00Z');
    rememberEraseIntent('u1', at);
    expect(hasEraseIntent('u1', at + 60_000)).toBe(true);
    expect(hasEraseIntent('u2', at + 60_000)).toBe(false);
    expect(hasEraseIntent(undefined, at)).toBe(false);
    expect(hasEraseIntent('u1', at + 15 * 60_000)).toBe(false);
    expect(hasEraseIntent('u1', at - 1)).toBe(false);
    forgetEraseIntent();
    expect(hasEraseIntent('u1', at + 60_000)).toBe(false);
  });

  it('holds no token, and ignores what it cannot read', () => {
    rememberEraseIntent('u1');
    expect(Object.keys(JSON.parse(sessionStorage.getItem('blau.privacy.erase')!)).sort()).toEqual(['at', 'userId']);
    sessionStorage.setItem('blau.privacy.erase', '{not json');
    expect(hasEraseIntent('u1')).toBe(false);
  });
});
