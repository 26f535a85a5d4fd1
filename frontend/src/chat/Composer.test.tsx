import { act, createEvent, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { FileInfo, Member } from '../api/types';
import { UploadCancelled, type Upload } from '../api/upload';
import { forgetUploadLimit } from '../files/uploadLimit';
import { I18nProvider } from '../i18n/I18n';
import type { Locale } from '../i18n/messages';
import type { ChatController } from './ChatController';
import { ChatStore } from './ChatStore';
import { Composer } from './Composer';
import { ChatContext } from './useChat';

/** An upload the test finishes (or fails) when it likes. */
interface FakeUpload extends Upload<FileInfo> {
  file: File;
  progress(fraction: number): void;
  finish(info?: Partial<FileInfo>): void;
  fail(error: unknown): void;
  aborted: boolean;
}

const infoOf = (file: File, id: string): FileInfo => ({
  id,
  name: file.name,
  contentType: file.type,
  size: file.size,
  url: `/api/v1/chat/files/${id}`,
});

function show(locale: Locale = 'en', members: Member[] = []) {
  const store = new ChatStore();
  store.setMe({ id: 'me', username: 'me', name: 'Me' });
  if (members.length > 0) store.upsertRoom({ id: 'r1', name: 'general', visibility: 'public', members });
  const uploads: FakeUpload[] = [];
  const upload = vi.fn((_roomId: string, file: File, onProgress?: (f: number) => void) => {
    let resolve!: (info: FileInfo) => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<FileInfo>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const u: FakeUpload = {
      file,
      done,
      aborted: false,
      abort() {
        u.aborted = true;
        reject(new UploadCancelled());
      },
      progress: (fraction) => onProgress?.(fraction),
      finish: (info) => resolve({ ...infoOf(file, `f${uploads.indexOf(u) + 1}`), ...info }),
      fail: (error) => reject(error),
    };
    uploads.push(u);
    return u;
  });
  const send = vi.fn();
  const controller = { store, upload, send, typing: vi.fn() } as unknown as ChatController;
  render(
    <I18nProvider initial={locale}>
      <ChatContext.Provider value={controller}>
        <Composer roomId="r1" />
      </ChatContext.Provider>
    </I18nProvider>,
  );
  return { uploads, upload, send };
}

const textFile = (name = 'notes.txt', text = 'hello') => new File([text], name, { type: 'text/plain' });
const pngFile = (name = 'dot.png') => new File([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0])], name, { type: 'image/png' });
const chips = () => screen.queryAllByTestId('upload');
/** A file of this many bytes (zeros). */
const sized = (name: string, bytes: number) => new File([new Uint8Array(bytes)], name, { type: 'video/mp4' });
/** The server's refusal of a file too large, as it words it. */
const tooLarge = (maxBytes: number) =>
  new ApiError(413, {
    type: 'https://blau.dev/problems/file-too-large',
    title: 'Payload Too Large',
    status: 413,
    detail: `A file is at most ${maxBytes} bytes (${Math.floor(maxBytes / 1024 / 1024)} MiB) here.`,
    errors: [{ field: 'file', message: `must be at most ${maxBytes} bytes` }],
  });
const sendButton = () => screen.getByRole('button', { name: 'Send' });

describe('Composer with files', () => {
  beforeEach(() => {
    // jsdom has no object URLs
    URL.createObjectURL = vi.fn(() => 'blob:preview');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => {
    forgetUploadLimit(); // every test starts from a page that has learnt no limit
    delete (URL as { createObjectURL?: unknown }).createObjectURL;
    delete (URL as { revokeObjectURL?: unknown }).revokeObjectURL;
  });

  it('uploads a picked file at once, shows it as a chip with its progress, and sends its id with the message', async () => {
    const user = userEvent.setup();
    const { uploads, upload, send } = show();
    await user.upload(screen.getByTestId('file-input'), textFile('notes.txt', 'x'.repeat(1300)));
    expect(upload).toHaveBeenCalledWith('r1', expect.any(File), expect.any(Function));
    const [chip] = chips();
    expect(chip).toHaveTextContent('notes.txt');
    expect(chip).toHaveTextContent('1.3 KB');
    act(() => uploads[0].progress(0.5));
    expect(within(chip).getByRole('progressbar', { name: 'Uploading notes.txt' })).toHaveAttribute('aria-valuenow', '50');
    expect(sendButton()).toBeDisabled(); // nothing finished yet

    await act(async () => uploads[0].finish());
    expect(within(chips()[0]).queryByRole('progressbar')).toBeNull();
    expect(sendButton()).toBeEnabled(); // a file alone is a message
    await user.click(sendButton());
    expect(send).toHaveBeenCalledWith('r1', '', undefined, [expect.objectContaining({ id: 'f1', name: 'notes.txt' })]);
    expect(chips()).toHaveLength(0);
  });

  it('keeps send disabled while any upload runs, even with text', async () => {
    const user = userEvent.setup();
    const { uploads, send } = show();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'look');
    expect(sendButton()).toBeEnabled();
    await user.upload(screen.getByTestId('file-input'), [textFile('a.txt'), textFile('b.txt')]);
    await act(async () => uploads[0].finish());
    expect(sendButton()).toBeDisabled();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), '{Enter}');
    expect(send).not.toHaveBeenCalled();
    await act(async () => uploads[1].finish());
    await user.type(screen.getByRole('textbox', { name: 'Message' }), '{Enter}');
    expect(send).toHaveBeenCalledWith('r1', 'look', undefined, [expect.objectContaining({ id: 'f1' }), expect.objectContaining({ id: 'f2' })]);
  });

  it('removing a chip aborts its upload, or forgets the uploaded file', async () => {
    const user = userEvent.setup();
    const { uploads, send } = show();
    await user.upload(screen.getByTestId('file-input'), [textFile('a.txt'), textFile('b.txt')]);
    await user.click(screen.getByRole('button', { name: 'Cancel upload of a.txt' }));
    expect(uploads[0].aborted).toBe(true);
    expect(chips().map((c) => c.textContent)).toEqual([expect.stringContaining('b.txt')]);

    await act(async () => uploads[1].finish());
    await user.click(screen.getByRole('button', { name: 'Remove b.txt' }));
    expect(uploads[1].aborted).toBe(false);
    expect(chips()).toHaveLength(0);
    expect(sendButton()).toBeDisabled(); // nothing left to send
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'just text{Enter}');
    expect(send).toHaveBeenCalledWith('r1', 'just text', undefined, []);
  });

  it('shows why an upload failed on its chip, in the UI language, and does not send it', async () => {
    const user = userEvent.setup();
    const { uploads, send } = show('pt-BR');
    await user.upload(screen.getByTestId('file-input'), [textFile('big.bin'), textFile('ok.txt')]);
    await act(async () => {
      uploads[0].fail(tooLarge(26_214_400));
      uploads[1].finish();
    });
    expect(within(chips()[0]).getByRole('alert')).toHaveTextContent('Grande demais: no máximo 25 MiB.');
    expect(chips()[0]).toHaveAttribute('data-state', 'failed');
    await user.click(screen.getByRole('button', { name: 'Enviar' }));
    expect(send).toHaveBeenCalledWith('r1', '', undefined, [expect.objectContaining({ name: 'ok.txt' })]);
  });

  it('says the limit the server gave for a file too large, and refuses a larger file afterwards without sending it', async () => {
    const user = userEvent.setup();
    const { uploads, upload } = show();
    const mib = 1024 * 1024;
    await user.upload(screen.getByTestId('file-input'), sized('video.mp4', 2 * mib));
    await act(async () => uploads[0].fail(tooLarge(mib)));
    expect(within(chips()[0]).getByRole('alert')).toHaveTextContent('Too large: at most 1 MiB.');

    // the limit is known now: a larger file is refused at once, a smaller one still goes
    await user.upload(screen.getByTestId('file-input'), [sized('movie.mp4', mib + 1), sized('clip.mp4', mib)]);
    expect(upload).toHaveBeenCalledTimes(2);
    expect(upload).toHaveBeenLastCalledWith('r1', expect.objectContaining({ name: 'clip.mp4' }), expect.any(Function));
    const movie = chips().find((c) => c.textContent?.includes('movie.mp4'))!;
    expect(movie).toHaveAttribute('data-state', 'failed');
    expect(within(movie).getByRole('alert')).toHaveTextContent('Too large: at most 1 MiB.');
    expect(chips().find((c) => c.textContent?.includes('clip.mp4'))).toHaveAttribute('data-state', 'uploading');
  });

  it('says a file is too large without a number when the server gave none', async () => {
    const user = userEvent.setup();
    const { uploads, upload } = show();
    await user.upload(screen.getByTestId('file-input'), textFile('big.bin'));
    await act(async () => uploads[0].fail(new ApiError(413, { title: 'Payload Too Large' })));
    expect(within(chips()[0]).getByRole('alert')).toHaveTextContent('This file is too large.');
    await user.upload(screen.getByTestId('file-input'), textFile('again.bin'));
    expect(upload).toHaveBeenCalledTimes(2); // no limit learnt: the server decides
  });

  it('refuses an empty file without sending it to the server', async () => {
    const user = userEvent.setup();
    const { upload } = show();
    await user.upload(screen.getByTestId('file-input'), new File([], 'empty.txt', { type: 'text/plain' }));
    expect(upload).not.toHaveBeenCalled();
    expect(within(chips()[0]).getByRole('alert')).toHaveTextContent('The file is empty.');
  });

  it('uploads an image pasted into the text field, with a preview of the local file', () => {
    const { upload } = show();
    const box = screen.getByRole('textbox', { name: 'Message' });
    const image = pngFile('image.png');
    const paste = createEvent.paste(box, { clipboardData: { types: ['Files'], files: [image] } });
    fireEvent(box, paste);
    expect(paste.defaultPrevented).toBe(true);
    expect(upload).toHaveBeenCalledWith('r1', image, expect.any(Function));
    expect(chips()[0].querySelector('img')).toHaveAttribute('src', 'blob:preview');
    expect(URL.createObjectURL).toHaveBeenCalledWith(image);
  });

  it('leaves a paste of text alone', () => {
    const { upload } = show();
    const box = screen.getByRole('textbox', { name: 'Message' });
    const paste = createEvent.paste(box, { clipboardData: { types: ['text/plain', 'Files'], files: [pngFile()], getData: () => 'A1' } });
    fireEvent(box, paste);
    expect(paste.defaultPrevented).toBe(false);
    expect(upload).not.toHaveBeenCalled();
  });
});

describe('Composer mentions', () => {
  it('puts the caret after a picked mention before the next key, so fast typing lands after it', async () => {
    const user = userEvent.setup({ delay: null }); // keys back to back, no pause between them
    show('en', [{ id: 'me', username: 'me' }, { id: 'u2', username: 'bianca' }]);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, 'look @bi');
    expect(within(screen.getByRole('listbox', { name: 'People to mention' })).getByRole('option', { name: '@bianca' })).toBeVisible();
    // the pick and a key before the browser's next frame, then the rest (as a quick typist does)
    await user.keyboard('{Enter}a');
    await act(() => new Promise<void>((frame) => requestAnimationFrame(() => frame())));
    await user.keyboard('t this');
    expect(box).toHaveValue('look @bianca at this');
  });
});
