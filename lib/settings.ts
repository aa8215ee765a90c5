/**
 * The viewer's settings, kept in storage.local under SETTINGS_KEY. Pages and the background
 * parse them with zod; content scripts (no zod) read only the language, with
 * `languagePreferenceOf` from lib/i18n/locale.ts.
 */
import { z } from 'zod';
import { LOCALES, SETTINGS_KEY } from './i18n/locale';

export { SETTINGS_KEY };

export const Settings = z.object({
  language: z.enum(['auto', ...LOCALES]).catch('auto').default('auto'),
});
export type Settings = z.infer<typeof Settings>;

export function parseSettings(stored: unknown): Settings {
  const parsed = Settings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : Settings.parse({});
}

