import { describe, expect, it } from 'vitest';
import { afterGuess, delayAfter, FREE_ATTEMPTS, hashPin, msUntilNextTry, OPEN_GUARD, pbkdf2Sha256, pinMatches, PIN_ITERATIONS } from '../../lib/minors/pin';

describe('PIN hash', () => {
  it('derives the known PBKDF2-HMAC-SHA256 vector (password / salt / 1 iteration)', async () => {
    const bytes = await pbkdf2Sha256('password', new TextEncoder().encode('salt'), 1);
    expect(Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')).toBe(
      '120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b',
    );
  });

  it('stores a salted hash that only the right PIN matches, never the PIN itself', async () => {
    const stored = await hashPin('2468', 1000);
    expect(JSON.stringify(stored)).not.toContain('2468');
    expect(stored.iterations).toBe(1000);
    expect(await pinMatches('2468', stored)).toBe(true);
    expect(await pinMatches('2469', stored)).toBe(false);
    expect(await pinMatches('', stored)).toBe(false);
    const again = await hashPin('2468', 1000);
    expect(again.salt).not.toBe(stored.salt);
    expect(again.hash).not.toBe(stored.hash);
  });

  it('uses at least 100,000 iterations by default and refuses non-PINs', async () => {
    expect(PIN_ITERATIONS).toBeGreaterThanOrEqual(100_000);
    await expect(hashPin('12a4')).rejects.toThrow();
    await expect(hashPin('123')).rejects.toThrow();
  });
});

describe('wrong-PIN delays', () => {
  it('grow after a few free attempts and are capped', () => {
    const delays = Array.from({ length: 12 }, (_, i) => delayAfter(i + 1));
    expect(delays.slice(0, FREE_ATTEMPTS)).toEqual([0, 0, 0]);
    for (let i = FREE_ATTEMPTS + 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays[FREE_ATTEMPTS]!).toBeGreaterThan(0);
    expect(delayAfter(1000)).toBe(24 * 60 * 60 * 1000);
  });

  it('lock until the delay passes, survive a restart as plain data, and clear on the right PIN', () => {
    let guard = OPEN_GUARD;
    const now = 1_000_000;
    for (let i = 0; i < FREE_ATTEMPTS + 2; i++) guard = afterGuess(guard, false, now);
    expect(msUntilNextTry(guard, now)).toBeGreaterThan(0);
    const restored = JSON.parse(JSON.stringify(guard)) as typeof guard;
    expect(msUntilNextTry(restored, now)).toBe(msUntilNextTry(guard, now));
    expect(msUntilNextTry(restored, restored.lockedUntil)).toBe(0);
    expect(afterGuess(restored, true, restored.lockedUntil)).toEqual(OPEN_GUARD);
  });
});
