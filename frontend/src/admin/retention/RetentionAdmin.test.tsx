import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AdminApi } from '../../api/adminApi';
import { ApiError } from '../../api/http';
import type { RetentionDays, RetentionSetting, RetentionSweep } from '../../api/types';
import { I18nProvider } from '../../i18n/I18n';
import type { Locale } from '../../i18n/messages';
import { RetentionAdmin } from './RetentionAdmin';

/** A server whose retention is `days` (absent: kept for good), saving what it is sent. */
function serverWith(days?: RetentionDays) {
  let current: RetentionSetting = days === undefined ? {} : { days };
  const api = {
    retention: vi.fn(async () => current),
    setRetention: vi.fn(async (next: RetentionDays) => (current = { days: next })),
    sweepRetention: vi.fn(async (): Promise<RetentionSweep> => ({ rooms: 3, messages: 1250 })),
  };
  return { api, asAdminApi: api as unknown as AdminApi };
}

function show(api: AdminApi, locale: Locale = 'en') {
  render(
    <I18nProvider initial={locale}>
      <RetentionAdmin api={api} />
    </I18nProvider>,
  );
}

type User = ReturnType<typeof userEvent.setup>;

const keep = () => screen.getByRole('radiogroup', { name: 'Keep messages' });
const daysField = () => screen.getByRole('spinbutton', { name: 'Days' });
const inEffect = () => screen.getByTestId('retention-in-effect');

async function chooseDays(user: User, days: string) {
  await user.click(within(keep()).getByRole('radio', { name: 'For a number of days' }));
  await user.clear(daysField());
  await user.type(daysField(), days);
}

// MUI's forms render slowly in jsdom while other files run alongside: room to spare
describe('RetentionAdmin', { timeout: 20_000 }, () => {
  it('shows that messages are kept for good when the server has no retention', async () => {
    const { asAdminApi, api } = serverWith();
    show(asAdminApi);
    expect(await screen.findByRole('heading', { level: 2, name: 'Message retention' })).toBeInTheDocument();
    expect(api.retention).toHaveBeenCalledOnce();
    expect(inEffect()).toHaveTextContent('In effect:Kept for good');
    expect(within(keep()).getByRole('radio', { name: 'For good' })).toBeChecked();
    expect(daysField()).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled(); // nothing changed
  });

  it('saves a retention where there was none only after a confirmation that older messages are deleted for good', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith(null);
    show(asAdminApi);
    await screen.findByRole('radiogroup', { name: 'Keep messages' });
    await chooseDays(user, '30');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    let dialog = screen.getByRole('dialog', { name: 'Delete messages older than 30 days?' });
    expect(dialog).toHaveAccessibleDescription(
      'In every room, messages older than 30 days will be deleted for good: their text and files are gone, and in their place the room shows “This message was deleted.” Rooms set to keep messages for less time keep their own setting. This cannot be undone.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.setRetention).not.toHaveBeenCalled();
    expect(inEffect()).toHaveTextContent('Kept for good');

    await user.click(screen.getByRole('button', { name: 'Save' }));
    dialog = screen.getByRole('dialog', { name: 'Delete messages older than 30 days?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete older messages' }));
    expect(api.setRetention).toHaveBeenCalledExactlyOnceWith(30);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(inEffect()).toHaveTextContent('In effect:30 days');
    expect(screen.getByRole('status')).toHaveTextContent('Saved.');
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('asks again before a shorter retention, but saves a longer one or “for good” at once', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith(90);
    show(asAdminApi);
    await screen.findByRole('radiogroup', { name: 'Keep messages' });
    expect(daysField()).toHaveValue(90);

    await chooseDays(user, '1');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByRole('dialog', { name: 'Delete messages older than 1 day?' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await chooseDays(user, '365');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(api.setRetention).toHaveBeenCalledExactlyOnceWith(365));
    expect(await screen.findByText('Saved.')).toBeInTheDocument();

    await user.click(within(keep()).getByRole('radio', { name: 'For good' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(api.setRetention).toHaveBeenLastCalledWith(null));
    await waitFor(() => expect(inEffect()).toHaveTextContent('Kept for good'));
  });

  it('takes only whole days from 1 to 3650', async () => {
    const user = userEvent.setup();
    const { asAdminApi } = serverWith(null);
    show(asAdminApi);
    await screen.findByRole('radiogroup', { name: 'Keep messages' });
    for (const wrong of ['0', '3651', '2.5']) {
      await chooseDays(user, wrong);
      expect(daysField()).toHaveAccessibleDescription('Enter a whole number of days from 1 to 3,650.');
      expect(daysField()).toHaveAttribute('aria-invalid', 'true');
      expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    }
    await chooseDays(user, '3650');
    expect(screen.getByRole('button', { name: 'Save' })).toBeEnabled();
  });

  it('shows the server’s word on the days next to them, and its detail otherwise', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith(10);
    api.setRetention
      .mockRejectedValueOnce(new ApiError(400, { detail: 'The request has invalid fields.', errors: [{ field: 'days', message: 'must be at most 3650 days (ten years), or null to keep messages for good' }] }))
      .mockRejectedValueOnce(new ApiError(403, { detail: 'Administrators only.' }));
    show(asAdminApi);
    await screen.findByRole('radiogroup', { name: 'Keep messages' });
    await chooseDays(user, '20');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(daysField()).toHaveAccessibleDescription('must be at most 3650 days (ten years), or null to keep messages for good'));

    await user.click(within(keep()).getByRole('radio', { name: 'For good' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Administrators only.');
    expect(inEffect()).toHaveTextContent('10 days'); // nothing changed
  });

  it('keeps the confirmation open with the server’s words when a shorter retention is refused', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith(null);
    api.setRetention.mockRejectedValueOnce(new ApiError(403, { detail: 'Administrators only.' }));
    show(asAdminApi);
    await screen.findByRole('radiogroup', { name: 'Keep messages' });
    await chooseDays(user, '7');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete messages older than 7 days?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete older messages' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Administrators only.');
    expect(inEffect()).toHaveTextContent('Kept for good');
  });

  it('“Apply now” runs a sweep and says what it expired', async () => {
    const user = userEvent.setup();
    const { asAdminApi, api } = serverWith(30);
    show(asAdminApi);
    const apply = await screen.findByRole('button', { name: 'Apply now' });
    expect(apply).toHaveAccessibleDescription('The servers delete messages past their retention on their own, a batch at a time. This runs a batch now.');
    await user.click(apply);
    expect(api.sweepRetention).toHaveBeenCalledOnce();
    expect(await screen.findByTestId('sweep-outcome')).toHaveTextContent('Messages deleted: 1,250. Rooms affected: 3.');

    api.sweepRetention.mockResolvedValueOnce({ rooms: 0, messages: 0 });
    await user.click(apply);
    await waitFor(() => expect(screen.getByTestId('sweep-outcome')).toHaveTextContent('No message was past its retention.'));

    api.sweepRetention.mockRejectedValueOnce(new ApiError(403, { detail: 'Administrators only.' }));
    await user.click(apply);
    expect(await screen.findByText('Administrators only.')).toBeInTheDocument();
    expect(screen.queryByTestId('sweep-outcome')).toBeNull();
  });

  it('speaks Portuguese, confirmation included', async () => {
    const user = userEvent.setup();
    const { asAdminApi } = serverWith(null);
    show(asAdminApi, 'pt-BR');
    const group = await screen.findByRole('radiogroup', { name: 'Guardar mensagens' });
    expect(within(group).getByRole('radio', { name: 'Para sempre' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Aplicar agora' })).toBeInTheDocument();
    await user.click(within(group).getByRole('radio', { name: 'Por um número de dias' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Dias' }), '1');
    await user.click(screen.getByRole('button', { name: 'Salvar' }));
    const dialog = screen.getByRole('dialog', { name: 'Excluir mensagens com mais de 1 dia?' });
    expect(dialog).toHaveTextContent('no lugar delas a sala mostra “Esta mensagem foi excluída.”');
    expect(within(dialog).getByRole('button', { name: 'Excluir mensagens antigas' })).toBeInTheDocument();
  });
});
