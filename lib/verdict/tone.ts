/** How alarming a status is. Imports types only, so the content script can use it without zod. */
import type { VerdictStatus } from './types';

export type Tone = 'danger' | 'warning' | 'ok' | 'neutral';

const TONES: Record<VerdictStatus, Tone> = {
  blacklisted: 'danger',
  withdrawn: 'danger',
  suspended: 'danger',
  'possible-blacklist': 'warning',
  expired: 'warning',
  'audit-overdue': 'warning',
  unconfirmed: 'warning',
  certified: 'ok',
  'not-listed': 'neutral',
  'no-registry': 'neutral',
};

export function toneOf(status: VerdictStatus): Tone {
  return TONES[status];
}
