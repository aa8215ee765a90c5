/**
 * The purchase guard's extension frame: the content script opens guard.html in an iframe with a
 * fresh ticket for the stopped click; the PIN is typed there, where the page cannot listen, and
 * goes from the frame to the background, which tells the tab the outcome for that ticket.
 */
import type { GuardReason } from '../components/GuardDialog';
import type { PinOutcome } from './background/parent-mode';
import { dataFromHash, hashUrl } from './details-url';

export const GUARD_TICKET_PATTERN = /^[0-9a-f]{32}$/;

export interface GuardFrameData {
  ticket: string;
  reason: GuardReason;
}

/** 128 random bits, hex; getRandomValues works on http pages too, unlike randomUUID. */
export function newGuardTicket(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const guardFrameUrl = (pageUrl: string, data: GuardFrameData) => hashUrl(pageUrl, data);

/** What the frame was opened with, or undefined for a hand-made URL without a ticket. */
export function guardFrameData(hash: string): GuardFrameData | undefined {
  const data = dataFromHash(hash) as Partial<GuardFrameData> | null;
  return typeof data?.ticket === 'string' && GUARD_TICKET_PATTERN.test(data.ticket) && data.reason ? (data as GuardFrameData) : undefined;
}

/** A right PIN unlocks; so does parent mode turned off meanwhile (nothing is guarded any more). */
export const unlocks = (outcome: PinOutcome) => outcome.ok || outcome.error === 'off';
