/**
 * Every adapter in this folder, found by file name: adding a platform is adding one file.
 * (Helpers here are `read.ts`, `types.ts` and this index; every other file is an adapter.)
 */
import type { PlatformAdapter } from './types';

const modules = import.meta.glob<{ default: PlatformAdapter }>(['./*.ts', '!./index.ts', '!./read.ts', '!./types.ts'], {
  eager: true,
});

export const platforms: readonly PlatformAdapter[] = Object.values(modules).map((m) => m.default);

export function platformFor(url: URL): PlatformAdapter | undefined {
  return platforms.find((p) => p.isRoomUrl(url));
}
