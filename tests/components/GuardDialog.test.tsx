// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { GuardDialog } from '../../components/GuardDialog';
import type { PinOutcome } from '../../lib/background/parent-mode';

const status = { enabled: true, settings: { guardPurchases: true, guardGifts: true }, failures: 0, retryAfterMs: 0 };
const product = { title: '干红葡萄酒 750ml', categories: [{ id: 'alcohol', label: { zh: '酒类', en: 'Alcohol' } }] };

function setup(unlock: (pin: string) => Promise<PinOutcome>) {
  const cancel = vi.fn();
  render(<GuardDialog locale="en" reason={{ kind: 'purchase', product }} unlock={unlock} cancel={cancel} />);
  return { cancel, dialog: screen.getByRole('dialog'), pin: screen.getByLabelText('Parent PIN') as HTMLInputElement };
}

describe('GuardDialog', () => {
  it('is a labelled modal dialog that says why, with focus in the PIN field', () => {
    const { dialog, pin } = setup(async () => ({ ok: true, status }));
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-labelledby')).toBe('lsg-title');
    expect(dialog.textContent).toContain('“干红葡萄酒 750ml” is restricted for minors: Alcohol.');
    expect(document.activeElement).toBe(pin);
  });

  it('keeps Tab inside the dialog, both ways', () => {
    const { dialog, pin } = setup(async () => ({ ok: true, status }));
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    cancel.focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(pin);
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(cancel);
  });

  it('cancels on Esc, once the key is released', () => {
    const { dialog, cancel } = setup(async () => ({ ok: true, status }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(cancel).not.toHaveBeenCalled();
    fireEvent.keyUp(dialog, { key: 'Escape' });
    expect(cancel).toHaveBeenCalledOnce();
  });

  it('stays open on a wrong PIN, saying how long to wait, and waits for the frame to close on the right one', async () => {
    const unlock = vi.fn(async (pin: string): Promise<PinOutcome> =>
      pin === '2468' ? { ok: true, status } : { ok: false, error: 'wrong-pin', status: { ...status, failures: 4, retryAfterMs: 30_000 } },
    );
    const { pin, cancel } = setup(unlock);
    fireEvent.input(pin, { target: { value: '1111' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText('Wrong PIN. Try again in 30 s.');
    expect(screen.getByRole('button', { name: 'Continue' })).not.toHaveProperty('disabled', true);
    fireEvent.input(pin, { target: { value: '2468' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(unlock).toHaveBeenCalledTimes(2));
    // Accepted: the background tells the content script, which removes this frame; until then
    // the dialog stays busy and the field is emptied.
    await waitFor(() => expect(pin.value).toBe(''));
    expect(screen.getByRole('button', { name: 'Continue' })).toHaveProperty('disabled', true);
    expect(cancel).not.toHaveBeenCalled();
    expect(unlock.mock.calls.map(([p]) => p)).toEqual(['1111', '2468']);
  });
});
