// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { EvidenceLogSection } from '../../components/EvidenceLogSection';
import { MyReports } from '../../components/MyReports';
import { ReportForm } from '../../components/ReportForm';
import type { EvidenceEntry } from '../../lib/evidence/schema';
import { sightingOf } from '../../lib/evidence/sighting';
import type { ReportRecord } from '../../lib/reports/outbox';
import type { ReportDraftInput } from '../../lib/reports/schema';
import { certified, identity, notListed } from '../evidence/fixtures';
import { payload } from '../reports/fixtures';

const entry = (id: string, at: string, verdict = certified): EvidenceEntry => ({
  ...sightingOf(identity(), verdict),
  id,
  firstSeenAt: at,
  lastSeenAt: at,
});
const older = entry('00000000-0000-4000-8000-000000000001', '2026-11-24T10:00:00.000Z');
const newer = entry('00000000-0000-4000-8000-000000000002', '2026-11-24T11:00:00.000Z', notListed);

function renderForm(evidence: EvidenceEntry[]) {
  const onSubmit = vi.fn(async (_draft: ReportDraftInput) => ({ state: 'queued' }));
  render(
    <ReportForm
      locale="en"
      identity={identity()}
      seenAt="2026-11-24T12:00:00.000Z"
      hasEndpoint
      complaintChannels={[]}
      evidence={evidence}
      onSubmit={onSubmit}
    />,
  );
  fireEvent.input(screen.getByLabelText(/What happened/), { target: { value: 'The anchor claimed an original price never charged.' } });
  fireEvent.click(screen.getByLabelText(/in good faith/));
  const send = async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Send report' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    return onSubmit.mock.calls.at(-1)![0];
  };
  return { send };
}

describe('report form: evidence attachment', () => {
  it('attaches nothing unless the viewer ticks it', async () => {
    const { send } = renderForm([newer, older]);
    expect((screen.getByLabelText(/Attach my evidence log entries for this room \(2\)/) as HTMLInputElement).checked).toBe(false);
    expect((await send()).evidence).toBeUndefined();
  });

  it('shows every entry to be sent once ticked; a removed one is not sent', async () => {
    const { send } = renderForm([newer, older]);
    fireEvent.click(screen.getByLabelText(/Attach my evidence log entries/));
    const listed = document.querySelectorAll('li[data-evidence]');
    expect(listed).toHaveLength(2);
    expect(listed[0]!.textContent).toMatch(/^Nov 24, 2026, \d+:00 [AP]M: Not certified/);
    expect(listed[1]!.textContent).toContain('¥59.90');
    fireEvent.click(listed[0]!.querySelector('button')!);
    expect((await send()).evidence).toEqual([older]);
  });

  it('offers nothing when the room has no entries', () => {
    renderForm([]);
    expect(screen.queryByLabelText(/Attach my evidence log/)).toBeNull();
  });
});

describe('options: evidence log section', () => {
  const props = (count: number) => ({
    locale: 'en' as const,
    settings: { enabled: true, retentionDays: 60 },
    summary: count ? { count, oldest: older.lastSeenAt, newest: newer.lastSeenAt } : { count: 0 },
    onSave: vi.fn(async () => undefined),
    onExport: vi.fn(async () => undefined),
    onClear: vi.fn(async () => undefined),
  });

  it('turning it off saves and offers to delete what is kept', async () => {
    const p = props(2);
    render(<EvidenceLogSection {...p} />);
    fireEvent.click(screen.getByLabelText('Keep an evidence log of the live rooms I watch'));
    await waitFor(() => expect(p.onSave).toHaveBeenCalledWith({ enabled: false, retentionDays: 60 }));
    const offer = await screen.findByRole('alertdialog');
    expect(offer.textContent).toContain('Delete the 2 entries');
    fireEvent.click(screen.getByRole('button', { name: 'Delete them' }));
    await waitFor(() => expect(p.onClear).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  });

  it('"Keep them" keeps them; with nothing kept there is no offer', async () => {
    const p = props(2);
    render(<EvidenceLogSection {...p} />);
    fireEvent.click(screen.getByLabelText('Keep an evidence log of the live rooms I watch'));
    fireEvent.click(await screen.findByRole('button', { name: 'Keep them' }));
    expect(p.onClear).not.toHaveBeenCalled();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('saves the retention the viewer types', async () => {
    const p = props(0);
    render(<EvidenceLogSection {...p} />);
    fireEvent.input(screen.getByLabelText(/Keep entries for/), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply retention' }));
    await waitFor(() => expect(p.onSave).toHaveBeenCalledWith({ enabled: true, retentionDays: 30 }));
    expect(screen.getByText('No entries kept.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Export the evidence log (JSON)' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('My reports: failed and queued reports', () => {
  const base = payload();
  const report = (overrides: Partial<ReportRecord>): ReportRecord => ({
    id: base.idempotencyKey,
    payload: base,
    endpoint: 'https://reports.example/in',
    state: 'queued',
    attempts: 1,
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  });

  it('says why a report failed and retries it on request', () => {
    const onRetry = vi.fn();
    render(<MyReports locale="en" reports={[report({ state: 'failed', lastError: 'http://127.0.0.1:1: HTTP 400', lastStatus: 400 })]} onExport={() => {}} onDelete={() => {}} onRetry={onRetry} />);
    expect(screen.getByText(/Not delivered: http:\/\/127\.0\.0\.1:1: HTTP 400/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(onRetry).toHaveBeenCalledWith(base.idempotencyKey);
  });

  it('offers "Retry now" for queued reports only, never for sent or local ones', () => {
    const states = ['queued', 'sent', 'local'] as const;
    render(
      <MyReports
        locale="en"
        reports={states.map((state, i) => report({ id: `00000000-0000-4000-8000-00000000010${i}`, state, ...(state === 'local' && { endpoint: undefined }), ...(state === 'queued' && { lastError: 'HTTP 500' }) }))}
        onExport={() => {}}
        onDelete={() => {}}
        onRetry={() => {}}
      />,
    );
    expect(screen.getAllByRole('button', { name: 'Retry now' })).toHaveLength(1);
    expect(document.querySelector('li[data-state="queued"] button')!.textContent).toBe('Retry now');
    expect(screen.getByText('Last attempt failed: HTTP 500')).toBeTruthy();
  });
});
