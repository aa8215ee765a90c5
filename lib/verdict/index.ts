/** The verdict rules' public surface. */
export { computeVerdict, type VerdictInput } from './compute';
export { addMonths, localDay } from './dates';
export { toneOf, type Tone } from './tone';
export * from './types';
