import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MessageText } from './MessageText';

function html(text: string): HTMLElement {
  return render(<MessageText text={text} />).getByTestId('message-text');
}

describe('MessageText', () => {
  it('renders Markdown: emphasis, code, lists, quotes and highlighted code blocks', () => {
    const el = html('**bold** _it_ `x`\n\n- one\n- two\n\n> quoted\n\n```js\nconst a = 1;\n```');
    expect(el.querySelector('strong')?.textContent).toBe('bold');
    expect(el.querySelector('em')?.textContent).toBe('it');
    expect(el.querySelectorAll('li')).toHaveLength(2);
    expect(el.querySelector('blockquote')?.textContent?.trim()).toBe('quoted');
    expect(el.querySelector('pre code.hljs .hljs-keyword')?.textContent).toBe('const');
  });

  it('shows raw HTML as the text it is, never as markup', () => {
    const el = html('<img src=x onerror="alert(1)"> <script>alert(2)</script> <b>hi</b>');
    expect(el.querySelector('img, script, b')).toBeNull();
    expect(el.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(el.textContent).toContain('<script>alert(2)</script>');
  });

  it('keeps links safe: no javascript: targets, new tab without the opener', () => {
    const el = html('[click](javascript:alert(1)) [site](https://example.org) ![pic](https://tracker.example/p.png)');
    const links = [...el.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.org', 'https://tracker.example/p.png']);
    expect(el.textContent).toContain('click');
    for (const a of links) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.getAttribute('target')).toBe('_blank');
    }
    expect(el.querySelector('img')).toBeNull(); // an image is its link: nothing loads from elsewhere
  });
});
