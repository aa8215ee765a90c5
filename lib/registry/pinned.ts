/** What this build was configured with (wxt.config.ts reads it at build time): pinned keys, update source. */
import { RegistrySource } from '../settings';
import { TrustedKey } from './keys';

declare const __LIVESEAL_PINNED_KEYS__: unknown;
declare const __LIVESEAL_REGISTRY_SOURCE__: unknown;

export function pinnedKeys(): TrustedKey[] {
  const raw = typeof __LIVESEAL_PINNED_KEYS__ === 'undefined' ? [] : __LIVESEAL_PINNED_KEYS__;
  return TrustedKey.array().parse(raw);
}

export function builtInSource(): RegistrySource | undefined {
  const raw = typeof __LIVESEAL_REGISTRY_SOURCE__ === 'undefined' ? null : __LIVESEAL_REGISTRY_SOURCE__;
  return raw ? RegistrySource.parse(raw) : undefined;
}
