import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { PARENT_MODE_KEY, ParentMode, RESET_WAIT_MS } from '../../lib/background/parent-mode';
import { FREE_ATTEMPTS } from '../../lib/minors/pin';

const ITERATIONS = 1000; // the real 600,000 only slows the tests
const settings = { guardPurchases: true, guardGifts: false };

function clock(start = 1_700_000_000_000) {
  const c = { now: start, advance: (ms: number) => void (c.now += ms) };
  return c;
}

async function enabledParentMode() {
  const c = clock();
  const parent = new ParentMode(() => c.now, ITERATIONS);
  expect(await parent.enable('2468', settings)).toMatchObject({ ok: true, status: { enabled: true, settings } });
  return { parent, c };
}

describe('parent mode', () => {
  it('stores only a salted hash, and cannot be turned on twice (a second PIN would replace the first)', async () => {
    const { parent } = await enabledParentMode();
    const stored = JSON.stringify(await browser.storage.local.get(PARENT_MODE_KEY));
    expect(stored).not.toContain('2468');
    expect(stored).toContain('"iterations":1000');
    expect(await parent.enable('1111')).toMatchObject({ ok: false, error: 'on' });
    expect(await parent.check('1111')).toMatchObject({ ok: false, error: 'wrong-pin' });
  });

  it('needs the PIN to turn off, change settings or change the PIN', async () => {
    const { parent } = await enabledParentMode();
    expect(await parent.disable('1357')).toMatchObject({ ok: false, error: 'wrong-pin', status: { enabled: true } });
    expect(await parent.update('1357', { guardPurchases: false, guardGifts: false })).toMatchObject({ ok: false, status: { settings } });
    expect(await parent.changePin('1357', '9999')).toMatchObject({ ok: false });
    expect(await parent.changePin('2468', '9999')).toMatchObject({ ok: true });
    expect(await parent.check('2468')).toMatchObject({ ok: false });
    expect(await parent.update('9999', { guardPurchases: false, guardGifts: true })).toMatchObject({
      ok: true,
      status: { settings: { guardPurchases: false, guardGifts: true } },
    });
    expect(await parent.disable('9999')).toMatchObject({ ok: true, status: { enabled: false } });
    expect(await parent.check('9999')).toMatchObject({ ok: false, error: 'off' });
  });

  it('slows wrong guesses with growing delays, refuses unchecked while locked, and keeps them across a restart', async () => {
    const { parent, c } = await enabledParentMode();
    for (let i = 0; i < FREE_ATTEMPTS; i++) expect((await parent.check('0000')).status.retryAfterMs).toBe(0);
    const first = (await parent.check('0000')).status.retryAfterMs;
    expect(first).toBeGreaterThan(0);
    // Even the right PIN is not checked while locked.
    expect(await parent.check('2468')).toMatchObject({ ok: false, error: 'locked' });
    // A restarted worker reads the same state.
    const restarted = new ParentMode(() => c.now, ITERATIONS);
    expect((await restarted.status()).retryAfterMs).toBe(first);
    c.advance(first);
    const second = (await restarted.check('0000')).status.retryAfterMs;
    expect(second).toBeGreaterThan(first);
    c.advance(second);
    expect(await restarted.check('2468')).toMatchObject({ ok: true, status: { failures: 0, retryAfterMs: 0 } });
  });

  it('checks parallel guesses one at a time', async () => {
    const { parent } = await enabledParentMode();
    const outcomes = await Promise.all(Array.from({ length: FREE_ATTEMPTS + 3 }, () => parent.check('0000')));
    expect(outcomes.filter((o) => !o.ok && o.error === 'locked')).toHaveLength(2);
    expect((await parent.status()).failures).toBe(FREE_ATTEMPTS + 1);
  });

  it('resets a forgotten PIN only after a visible wait, clearing the settings it guarded; the PIN cancels the reset', async () => {
    const { parent, c } = await enabledParentMode();
    const pending = await parent.requestReset();
    expect(pending).toMatchObject({ enabled: true, resetAt: c.now + RESET_WAIT_MS });
    expect(await parent.cancelReset('2468')).toMatchObject({ ok: true });
    expect((await parent.status()).resetAt).toBeUndefined();

    const again = await parent.requestReset();
    expect((await parent.requestReset()).resetAt).toBe(again.resetAt); // asking twice does not restart the wait
    c.advance(RESET_WAIT_MS - 1);
    expect((await parent.status()).enabled).toBe(true);
    c.advance(1);
    expect(await parent.status()).toEqual({
      enabled: false,
      settings: { guardPurchases: true, guardGifts: true },
      failures: 0,
      retryAfterMs: 0,
      lastReset: again.resetAt,
    });
    // Turning it on again clears the notice of the reset.
    expect((await parent.enable('1357')).status.lastReset).toBeUndefined();
  });
});
