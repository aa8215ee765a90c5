/**
 * Keeping the stored registry fresh: one check (alarm or "check now") fetches the configured
 * source through runUpdate, persists the trust state and ETag it returns, and logs the outcome
 * for the options page. A refused update never touches the stored registry (runUpdate's rule).
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { parseSettings, SETTINGS_KEY, type RegistrySource } from '../settings';
import type { TrustedKey } from '../registry/keys';
import type { RegistryStore } from '../registry/store';
import { initialTrust, TrustState } from '../registry/trust';
import { runUpdate, type UpdateSource } from '../registry/update';

/** storage.local key of one registry's update state ('' is the built-in registry). */
export const updateStateKey = (registryId = '') => (registryId ? `registry.update.${registryId}` : 'registry.update');
export const UPDATE_ALARM = 'registry-update';
const LOG_LENGTH = 20;

export const UpdateLogEntry = z.object({
  at: z.string(),
  status: z.enum(['installed', 'up-to-date', 'refused', 'no-source']),
  version: z.number().optional(),
  via: z.enum(['delta', 'full']).optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});
export type UpdateLogEntry = z.infer<typeof UpdateLogEntry>;

const UpdateState = z.object({
  trust: TrustState.optional(),
  etag: z.string().optional(),
  log: z.array(UpdateLogEntry).default([]),
});
type UpdateState = z.infer<typeof UpdateState>;

/** Templates become functions; an encoded `{base}` (as URL inputs store it) counts too. */
function fill(template: string, name: string, value: number): string {
  return template.replaceAll(`{${name}}`, String(value)).replaceAll(`%7B${name}%7D`, String(value));
}

export function updateSource(source: RegistrySource): UpdateSource {
  const { deltaUrl, keysetUrl } = source;
  return {
    snapshotUrl: source.snapshotUrl,
    deltaUrl: deltaUrl ? (base) => fill(deltaUrl, 'base', base) : undefined,
    keysetUrl: keysetUrl ? (version) => fill(keysetUrl, 'version', version) : undefined,
  };
}

async function readState(key: string): Promise<UpdateState> {
  const stored = await browser.storage.local.get(key);
  const parsed = UpdateState.safeParse(stored[key] ?? {});
  return parsed.success ? parsed.data : { log: [] };
}

export async function updateLog(registryId?: string): Promise<UpdateLogEntry[]> {
  return (await readState(updateStateKey(registryId))).log;
}

/** Trust now: the latest accepted key set, or the keys pinned in the build (or chosen by the viewer). */
export async function currentTrust(pinned: readonly TrustedKey[], threshold = 1, registryId?: string): Promise<TrustState> {
  return (await readState(updateStateKey(registryId))).trust ?? initialTrust(pinned, { threshold });
}

export async function readSettings() {
  return parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}


export interface RegistryToCheck {
  store: RegistryStore;
  source: RegistrySource | undefined;
  /** Keys trusted before any key set was accepted. */
  pinned: readonly TrustedKey[];
  threshold?: number;
  /** '' or absent: the built-in registry. */
  registryId?: string;
}

export async function checkRegistry(target: RegistryToCheck, now = new Date()): Promise<UpdateLogEntry> {
  const { store, source } = target;
  const key = updateStateKey(target.registryId);
  const state = await readState(key);
  let entry: UpdateLogEntry;
  if (!source) {
    entry = { at: now.toISOString(), status: 'no-source' };
  } else {
    const result = await runUpdate({
      store,
      source: updateSource(source),
      trust: state.trust ?? initialTrust(target.pinned, { threshold: target.threshold ?? 1 }),
      loadBase: () => store.storedShards(),
      etag: state.etag,
      now,
    });
    if (result.trustChanged) state.trust = result.trust;
    state.etag = result.etag;
    entry =
      result.status === 'installed'
        ? { at: now.toISOString(), status: 'installed', version: result.header.version, via: result.via }
        : result.status === 'refused'
          ? { at: now.toISOString(), status: 'refused', code: result.code, message: result.message }
          : { at: now.toISOString(), status: 'up-to-date' };
  }
  state.log = [entry, ...state.log].slice(0, LOG_LENGTH);
  await browser.storage.local.set({ [key]: state });
  return entry;
}

/** (Re)schedules the periodic check at the viewer's interval (default every 6 hours). */
export async function scheduleChecks(): Promise<void> {
  const hours = (await readSettings()).updateIntervalHours;
  await browser.alarms.create(UPDATE_ALARM, { delayInMinutes: 1, periodInMinutes: hours * 60 });
}
