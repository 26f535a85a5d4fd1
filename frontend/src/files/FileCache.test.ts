import { describe, expect, it, vi } from 'vitest';
import { FileCache } from './FileCache';

const blob = (bytes: number) => new Blob([new Uint8Array(bytes)]);

describe('FileCache', () => {
  it('fetches a URL once while it is kept, sharing a fetch on its way', async () => {
    const load = vi.fn(async () => blob(10));
    const cache = new FileCache(load);
    const [a, b] = await Promise.all([cache.get('/f/1'), cache.get('/f/1')]);
    expect(a).toBe(b);
    await cache.get('/f/1');
    expect(load).toHaveBeenCalledOnce();
  });

  it('drops the least recently used beyond its size', async () => {
    const load = vi.fn(async () => blob(10));
    const cache = new FileCache(load, 2);
    await cache.get('/f/1');
    await cache.get('/f/2');
    await cache.get('/f/1'); // used again: /f/2 is now the oldest
    await cache.get('/f/3');
    expect(cache.size).toBe(2);
    await cache.get('/f/1');
    expect(load).toHaveBeenCalledTimes(3);
    await cache.get('/f/2');
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('keeps bytes under its limit and no file near that size, and forgets failures so they are tried again', async () => {
    const load = vi.fn(async (url: string) => {
      if (url === '/bad') throw new Error('404');
      return blob(url === '/big' ? 30 : 20);
    });
    const cache = new FileCache(load, 10, 100);
    for (let i = 1; i <= 6; i++) await cache.get(`/f/${i}`); // 120 bytes: the oldest goes
    expect(cache.size).toBe(5);
    await cache.get('/big'); // over a quarter of the limit
    expect(cache.size).toBe(5);
    await expect(cache.get('/bad')).rejects.toThrow('404');
    await expect(cache.get('/bad')).rejects.toThrow('404');
    expect(load.mock.calls.filter(([url]) => url === '/bad')).toHaveLength(2);
  });
});
