/** The registry keys pinned into this build (wxt.config.ts reads them at build time). */
import { TrustedKey } from './keys';

declare const __LIVESEAL_PINNED_KEYS__: unknown;

export function pinnedKeys(): TrustedKey[] {
  const raw = typeof __LIVESEAL_PINNED_KEYS__ === 'undefined' ? [] : __LIVESEAL_PINNED_KEYS__;
  return TrustedKey.array().parse(raw);
}
