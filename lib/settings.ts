/**
 * The viewer's settings, kept in storage.local under SETTINGS_KEY. Pages and the background
 * parse them with zod; content scripts (no zod) read only the language, with
 * `languagePreferenceOf` from lib/i18n/locale.ts.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { LOCALES, SETTINGS_KEY } from './i18n/locale';
import { OVERLAY_CORNERS, OVERLAY_SIZES } from './overlay-prefs';
import { TrustedKeys } from './registry/keys';

export { SETTINGS_KEY };

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

/** Where updates of the registry come from; `{base}` and `{version}` are filled in per request. */
export const RegistrySource = z.object({
  snapshotUrl: httpUrl,
  deltaUrl: httpUrl.refine((u) => u.includes('%7Bbase%7D') || u.includes('{base}'), 'must contain {base}').optional(),
  keysetUrl: httpUrl.refine((u) => u.includes('%7Bversion%7D') || u.includes('{version}'), 'must contain {version}').optional(),
});
export type RegistrySource = z.infer<typeof RegistrySource>;

/**
 * Another registry beside the built-in one (a platform's, another certification body's), with
 * the keys the viewer chose to trust for it. Verdicts of all registries merge, strictest first.
 */
export const ExtraRegistry = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and -'),
  source: RegistrySource,
  keys: TrustedKeys,
  threshold: z.number().int().min(1).default(1),
});
export type ExtraRegistry = z.infer<typeof ExtraRegistry>;

export const UPDATE_INTERVAL_HOURS = { min: 1, max: 168, default: 6 } as const;

/** Days the evidence log keeps an entry; 60 by default, as the Guangdong standard asks platforms to keep recordings. */
export const EVIDENCE_RETENTION_DAYS = { min: 1, max: 365, default: 60 } as const;

/** Opt-in: nothing is logged unless the viewer turns it on. Strict; stored settings fall back to off as a whole. */
export const EvidenceLogSettings = z.object({
  enabled: z.boolean().default(false),
  retentionDays: z.number().int().min(EVIDENCE_RETENTION_DAYS.min).max(EVIDENCE_RETENTION_DAYS.max).default(EVIDENCE_RETENTION_DAYS.default),
});
export type EvidenceLogSettings = z.infer<typeof EvidenceLogSettings>;

export const Settings = z.object({
  language: z.enum(['auto', ...LOCALES]).catch('auto').default('auto'),
  /** Absent: the source built in (LIVESEAL_REGISTRY_URL), or bundled data only. */
  source: RegistrySource.optional().catch(undefined),
  extraRegistries: z.array(ExtraRegistry).max(8).catch([]).default([]),
  updateIntervalHours: z
    .number()
    .int()
    .min(UPDATE_INTERVAL_HOURS.min)
    .max(UPDATE_INTERVAL_HOURS.max)
    .catch(UPDATE_INTERVAL_HOURS.default)
    .default(UPDATE_INTERVAL_HOURS.default),
  evidenceLog: EvidenceLogSettings.catch({ enabled: false, retentionDays: EVIDENCE_RETENTION_DAYS.default }).default({
    enabled: false,
    retentionDays: EVIDENCE_RETENTION_DAYS.default,
  }),
  /** Read by content scripts through overlayPrefsOf (lib/overlay-prefs.ts). */
  overlayCorner: z.enum(OVERLAY_CORNERS).catch('beside').default('beside'),
  overlaySize: z.enum(OVERLAY_SIZES).catch('normal').default('normal'),
  disabledSites: z.array(z.string().min(1).max(253)).max(1000).catch([]).default([]),
});
export type Settings = z.infer<typeof Settings>;

export function parseSettings(stored: unknown): Settings {
  const parsed = Settings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : Settings.parse({});
}


/** Shows or hides the on-page panel on one site (options page and popup). */
export async function setOverlayShownOn(hostname: string, shown: boolean): Promise<void> {
  const settings = parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  const others = settings.disabledSites.filter((site) => site !== hostname);
  await browser.storage.local.set({ [SETTINGS_KEY]: { ...settings, disabledSites: shown ? others : [...others, hostname] } });
}
