import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminApi } from '../../api/adminApi';
import { ApiError } from '../../api/http';
import type { UsageBucket, UsageReport, UsageRow } from '../../api/types';
import { I18nProvider } from '../../i18n/I18n';
import type { Locale } from '../../i18n/messages';
import { UsageOverview } from './UsageOverview';

const day = (start: string, messages: number, activeUsers: number, newUsers: number, roomsCreated: number): UsageRow => ({
  start,
  messages,
  activeUsers,
  newUsers,
  roomsCreated,
  activeRooms: 2,
});

/** A server that answers the range asked for with the rows given, whatever the range. */
function serverWith(rows: UsageRow[]) {
  const usage = vi.fn(async (from: string, to: string, bucket: UsageBucket): Promise<UsageReport> => ({ bucket, from, to, rows }));
  return { api: { usage } as unknown as AdminApi, usage };
}

function show(api: AdminApi, locale: Locale = 'en') {
  render(
    <I18nProvider initial={locale}>
      <UsageOverview api={api} />
    </I18nProvider>,
  );
}

/** The cells of a table's body rows, as text. */
const bodyRows = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));

describe('UsageOverview', () => {
  // only the clock is fake: the range is counted from "today"
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T15:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('asks for the last 30 days by day, and shows the totals, a described chart and every number in a table', async () => {
    const { api, usage } = serverWith([day('2026-12-01', 1200, 14, 3, 1), day('2026-12-02', 34, 9, 0, 2)]);
    show(api);
    const table = await screen.findByRole('table', { name: 'Usage per day' });
    expect(usage).toHaveBeenCalledExactlyOnceWith('2026-11-03', '2026-12-03', 'day');

    expect(screen.getByRole('button', { name: 'Last 30 days', pressed: true })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Day', pressed: true })).toBeInTheDocument();

    const chart = screen.getByRole('figure', { name: 'Messages and active users per day' });
    expect(chart).toHaveAccessibleDescription('Bar chart of 2 periods from Nov 3, 2026 to Dec 2, 2026. The same numbers are in the table below.');
    // the chart's legend names its two series
    expect(within(chart).getByText('Messages')).toBeInTheDocument();
    expect(within(chart).getByText('Active users')).toBeInTheDocument();

    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Period',
      'Messages',
      'Active users',
      'New users',
      'Rooms created',
      'Active rooms',
    ]);
    expect(bodyRows(table)).toEqual([
      ['Dec 1, 2026', '1,200', '14', '3', '1', '2'],
      ['Dec 2, 2026', '34', '9', '0', '2', '2'],
    ]);
    expect(within(table).getByRole('rowheader', { name: 'Dec 2, 2026' }).querySelector('time')).toHaveAttribute('datetime', '2026-12-02');

    const totals = screen.getByRole('region', { name: 'Totals for the period' });
    const terms = within(totals).getAllByRole('term').map((t) => t.textContent);
    const values = within(totals).getAllByRole('definition').map((d) => d.textContent);
    expect(Object.fromEntries(terms.map((term, i) => [term, values[i]]))).toEqual({ Messages: '1,234', 'New users': '3', 'Rooms created': '3' });
  });

  it('asks again for another range and bucket, and names the chart and table after the bucket', async () => {
    const user = userEvent.setup();
    const { api, usage } = serverWith([day('2026-11-30', 5, 2, 1, 0)]);
    show(api);
    await screen.findByRole('table', { name: 'Usage per day' });

    await user.click(screen.getByRole('button', { name: 'Last 7 days' }));
    expect(usage).toHaveBeenLastCalledWith('2026-11-26', '2026-12-03', 'day');
    await user.click(screen.getByRole('button', { name: 'Week' }));
    expect(usage).toHaveBeenLastCalledWith('2026-11-26', '2026-12-03', 'week');
    const table = await screen.findByRole('table', { name: 'Usage per week' });
    expect(within(table).getByRole('rowheader')).toHaveTextContent('Week of Nov 30, 2026');
    expect(screen.getByRole('figure', { name: 'Messages and active users per week' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Last 7 days', pressed: true })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Last 90 days' }));
    await user.click(screen.getByRole('button', { name: 'Month' }));
    expect(usage).toHaveBeenLastCalledWith('2026-09-04', '2026-12-03', 'month');
    // pressing the chosen range again keeps it (a range is always chosen)
    await user.click(screen.getByRole('button', { name: 'Month' }));
    expect(screen.getByRole('button', { name: 'Month', pressed: true })).toBeInTheDocument();
    expect(usage).toHaveBeenCalledTimes(5);
  });

  it('shows the server’s word on a range it refuses, and no numbers under the wrong name', async () => {
    const user = userEvent.setup();
    const { api, usage } = serverWith([day('2026-12-02', 1, 1, 0, 0)]);
    show(api);
    await screen.findByRole('table', { name: 'Usage per day' });
    usage.mockRejectedValueOnce(new ApiError(400, { type: 'https://blau.dev/problems/bad-range', detail: 'At most 800 buckets.' }));
    await user.click(screen.getByRole('button', { name: 'Last 90 days' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('At most 800 buckets.');
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('figure')).toBeNull();
  });

  it('speaks Portuguese', async () => {
    const { api } = serverWith([day('2026-12-02', 1, 1, 0, 0)]);
    show(api, 'pt-BR');
    expect(await screen.findByRole('table', { name: 'Uso por dia' })).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: 'Mensagens e usuários ativos por dia' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Últimos 30 dias', pressed: true })).toBeInTheDocument();
  });
});
