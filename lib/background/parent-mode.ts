/**
 * Parent mode, kept by the background only: the PIN hash, its settings, the wrong-PIN guard and a
 * pending forgotten-PIN reset live in storage.local under PARENT_MODE_KEY, which no page writes.
 * Pages and content scripts ask through lib/messages.ts and get answers, never the hash.
 * Every operation runs one at a time, so parallel guesses cannot race the guard.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { afterGuess, hashPin, msUntilNextTry, OPEN_GUARD, pinMatches, PIN_ITERATIONS } from '../minors/pin';

export const PARENT_MODE_KEY = 'parentMode';
/** How long a forgotten-PIN reset waits, visibly, before it clears parent mode (the PIN cancels it). */
export const RESET_WAIT_MS = 72 * 60 * 60 * 1000;

export const ParentSettings = z.object({
  /** Stop buy clicks on restricted products until the PIN is given. */
  guardPurchases: z.boolean().default(true),
  /** Stop gift and tip buttons until the PIN is given. */
  guardGifts: z.boolean().default(true),
});
export type ParentSettings = z.infer<typeof ParentSettings>;
const DEFAULT_SETTINGS = ParentSettings.parse({});

const StoredParentMode = z.object({
  /** Absent: parent mode is off. */
  pin: z.object({ salt: z.string(), iterations: z.number().int().positive(), hash: z.string() }).optional(),
  settings: ParentSettings.default(DEFAULT_SETTINGS),
  guard: z.object({ failures: z.number().int().nonnegative(), lockedUntil: z.number() }).default(OPEN_GUARD),
  /** A forgotten-PIN reset clears parent mode at this time (epoch ms). */
  resetAt: z.number().optional(),
  /** When a reset last cleared parent mode: shown until parent mode is turned on again. */
  lastReset: z.number().optional(),
});
type StoredParentMode = z.infer<typeof StoredParentMode>;

/** What pages may know. */
export interface ParentModeStatus {
  enabled: boolean;
  settings: ParentSettings;
  /** Wrong guesses in a row, and how long until the next guess is checked. */
  failures: number;
  retryAfterMs: number;
  resetAt?: number;
  lastReset?: number;
}

export type PinOutcome =
  | { ok: true; status: ParentModeStatus }
  | { ok: false; error: 'wrong-pin' | 'locked' | 'off' | 'on'; status: ParentModeStatus };

export class ParentMode {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly iterations = PIN_ITERATIONS,
  ) {}

  status(): Promise<ParentModeStatus> {
    return this.serial(async (state) => [state, this.statusOf(state)]);
  }

  enable(pin: string, settings: ParentSettings = DEFAULT_SETTINGS): Promise<PinOutcome> {
    return this.serial(async (state): Promise<[StoredParentMode, PinOutcome]> => {
      if (state.pin) return [state, { ok: false, error: 'on', status: this.statusOf(state) }];
      const next: StoredParentMode = { pin: await hashPin(pin, this.iterations), settings, guard: OPEN_GUARD };
      return [next, { ok: true, status: this.statusOf(next) }];
    });
  }

  /** The PIN alone, e.g. to let one guarded click through. */
  check(pin: string): Promise<PinOutcome> {
    return this.withPin(pin, (state) => state);
  }

  disable(pin: string): Promise<PinOutcome> {
    return this.withPin(pin, () => ({ settings: DEFAULT_SETTINGS, guard: OPEN_GUARD }));
  }

  update(pin: string, settings: ParentSettings): Promise<PinOutcome> {
    return this.withPin(pin, (state) => ({ ...state, settings }));
  }

  changePin(pin: string, newPin: string): Promise<PinOutcome> {
    return this.withPin(pin, async (state) => ({ ...state, pin: await hashPin(newPin, this.iterations) }));
  }

  cancelReset(pin: string): Promise<PinOutcome> {
    return this.withPin(pin, ({ resetAt: _, ...state }) => state);
  }

  /** Forgotten PIN: parent mode and its settings are cleared after RESET_WAIT_MS, never at once. */
  requestReset(): Promise<ParentModeStatus> {
    return this.serial(async (state) => {
      const next = state.pin && state.resetAt === undefined ? { ...state, resetAt: this.now() + RESET_WAIT_MS } : state;
      return [next, this.statusOf(next)];
    });
  }

  private withPin(pin: string, change: (state: StoredParentMode) => StoredParentMode | Promise<StoredParentMode>): Promise<PinOutcome> {
    return this.serial(async (state): Promise<[StoredParentMode, PinOutcome]> => {
      if (!state.pin) return [state, { ok: false, error: 'off', status: this.statusOf(state) }];
      const now = this.now();
      if (msUntilNextTry(state.guard, now) > 0) return [state, { ok: false, error: 'locked', status: this.statusOf(state) }];
      const correct = await pinMatches(pin, state.pin);
      const checked = { ...state, guard: afterGuess(state.guard, correct, now) };
      if (!correct) return [checked, { ok: false, error: 'wrong-pin', status: this.statusOf(checked) }];
      const next = await change(checked);
      return [next, { ok: true, status: this.statusOf(next) }];
    });
  }

  private statusOf(state: StoredParentMode): ParentModeStatus {
    return {
      enabled: state.pin !== undefined,
      settings: state.settings,
      failures: state.guard.failures,
      retryAfterMs: msUntilNextTry(state.guard, this.now()),
      ...(state.resetAt !== undefined ? { resetAt: state.resetAt } : {}),
      ...(state.lastReset !== undefined ? { lastReset: state.lastReset } : {}),
    };
  }

  /** Runs `step` on the stored state after every earlier step, and stores what it returns. */
  private serial<T>(step: (state: StoredParentMode) => Promise<[StoredParentMode, T]>): Promise<T> {
    const run = this.queue.then(async () => {
      const loaded = await this.load();
      const [next, result] = await step(loaded);
      if (next !== loaded) await browser.storage.local.set({ [PARENT_MODE_KEY]: next });
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async load(): Promise<StoredParentMode> {
    const raw = (await browser.storage.local.get(PARENT_MODE_KEY))[PARENT_MODE_KEY];
    const parsed = StoredParentMode.safeParse(raw ?? {});
    const state = parsed.success ? parsed.data : StoredParentMode.parse({});
    if (state.pin && state.resetAt !== undefined && this.now() >= state.resetAt) {
      const cleared: StoredParentMode = { settings: DEFAULT_SETTINGS, guard: OPEN_GUARD, lastReset: state.resetAt };
      await browser.storage.local.set({ [PARENT_MODE_KEY]: cleared });
      return cleared;
    }
    return state;
  }
}
