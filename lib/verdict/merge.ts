/**
 * Several registries (a certification body's, a platform's…) each give a verdict; the viewer
 * sees the strictest, so no registry can vouch away another's warning.
 */
import { VERDICT_PRECEDENCE, type Verdict } from './types';

const rank = (v: Verdict) => VERDICT_PRECEDENCE.indexOf(v.status);

/** The strictest verdict (ties: the earliest, i.e. the primary registry's). */
export function strictest(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) throw new Error('no verdicts to merge');
  return verdicts.reduce((best, v) => (rank(v) < rank(best) ? v : best));
}
