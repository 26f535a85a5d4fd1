import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/I18n';
import { SearchBox } from './SearchBox';

function show(compact = false, shortcuts = true) {
  const onSearch = vi.fn();
  const onOpen = vi.fn();
  render(
    <I18nProvider initial="en">
      <input aria-label="Message" />
      <SearchBox compact={compact} shortcuts={shortcuts} onSearch={onSearch} onOpen={onOpen} />
    </I18nProvider>,
  );
  return { onSearch, onOpen };
}

describe('SearchBox', () => {
  it('searches the words typed on Enter; Ctrl+K and / go to it, / not while writing', async () => {
    const user = userEvent.setup();
    const { onSearch } = show();
    const box = screen.getByRole('searchbox', { name: 'Search messages' });
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    expect(box).toHaveFocus();
    await user.type(box, '  acao {Enter}');
    expect(onSearch).toHaveBeenCalledWith('acao');

    const message = screen.getByRole('textbox', { name: 'Message' });
    message.focus();
    fireEvent.keyDown(message, { key: '/' });
    expect(message).toHaveFocus();
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(box).toHaveFocus();
  });

  it('is an icon that opens the panel on a narrow screen, and the shortcut does the same', async () => {
    const user = userEvent.setup();
    const { onOpen } = show(true);
    await user.click(screen.getByRole('button', { name: 'Search messages' }));
    fireEvent.keyDown(window, { key: 'K', metaKey: true });
    expect(onOpen).toHaveBeenCalledTimes(2);
  });
});
