/**
 * The report outbox, in its own IndexedDB database. A report is stored before anything is sent,
 * and every state change is persisted before the next step, so a killed service worker or a
 * closed browser never loses one: a record left in 'sending' is due again once its lease runs out.
 *
 * States:  local (no endpoint; kept, exported, never sent)
 *          queued → sending → sent (receiptId) | queued (retry, backoff) | failed (permanent, lastError)
 *          sending (lease expired: the worker died mid-send) → sending (a new attempt, same Idempotency-Key)
 *
 * `nextState` and `backoffDelay` are pure; `deliver` does one POST; `processDue` drives both.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { z } from 'zod';
import { checkSource, type FetchLike } from '../registry/fetch';
import { ReportPayload } from './schema';

export const REPORTS_DB_NAME = 'liveseal-reports';
export const EXPORT_SCHEMA_ID = 'liveseal.reports-export/v1';

/** First retry delay; each further retry doubles it. */
export const BACKOFF_BASE_MS = 30_000;
/** No retry waits longer than this. */
export const BACKOFF_CAP_MS = 6 * 60 * 60 * 1000;
/** Up to this fraction of the nominal delay is added at random, so clients do not retry in step. */
export const BACKOFF_JITTER = 0.5;
/** A record in 'sending' for longer than this is taken for abandoned (worker died) and is due again. */
export const SENDING_LEASE_MS = 2 * 60 * 1000;
/** One delivery attempt, connect to last byte of the answer. */
export const DELIVER_TIMEOUT_MS = 30_000;
/** The receiver's answer is small ({receiptId}); anything longer is cut off. */
const MAX_ANSWER_BYTES = 64 * 1024;

export const ReportState = z.enum(['queued', 'sending', 'sent', 'failed', 'local']);
export type ReportState = z.infer<typeof ReportState>;

const ms = z.number().int().nonnegative();

export const ReportRecord = z.object({
  /** = payload.idempotencyKey */
  id: z.uuid(),
  payload: ReportPayload,
  /** The signed registry's reportEndpoint when the report was made; absent: local only. */
  endpoint: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  state: ReportState,
  /** Delivery attempts started (a 'sending' that never finished counts). */
  attempts: z.number().int().nonnegative(),
  /** Epoch ms; set in 'queued' after a failed attempt. */
  nextAttemptAt: ms.optional(),
  lastError: z.string().max(1000).optional(),
  /** The HTTP status of the last answer, if there was one. */
  lastStatus: z.number().int().optional(),
  /** The receiver's acknowledgement, in 'sent'. */
  receiptId: z.string().max(200).optional(),
  /** Epoch ms. */
  createdAt: ms,
  /** Epoch ms of the last state change ('sending': when the attempt started, for the lease). */
  updatedAt: ms,
});
export type ReportRecord = z.infer<typeof ReportRecord>;

export const ReportExport = z.object({
  schema: z.literal(EXPORT_SCHEMA_ID),
  exportedAt: z.iso.datetime({ offset: true }),
  reports: z.array(ReportRecord).max(100_000),
});
export type ReportExport = z.infer<typeof ReportExport>;

/** The result of one delivery attempt. */
export type DeliveryOutcome =
  | { kind: 'ok'; receiptId: string; status: number }
  | { kind: 'retryable'; error: string; status?: number; /** From Retry-After. */ retryAfterMs?: number }
  | { kind: 'permanent'; error: string; status?: number };

/** A number in [0, 1); Math.random by default, a seeded generator in tests. */
export type RandomSource = () => number;

/**
 * Delay before retry number `attempt` (1 = after the first failed attempt):
 * nominal = min(cap, base · 2^(attempt−1)); delay ∈ [nominal, min(cap, nominal · (1 + jitter))].
 * With the defaults: 30–45 s, 60–90 s, 2–3 min, … capped at 6 h.
 */
export function backoffDelay(attempt: number, random: RandomSource = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const nominal = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 40));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(Math.min(BACKOFF_CAP_MS, nominal * (1 + BACKOFF_JITTER * r)));
}

/** Is `record` to be sent at `now`? Queued and due, or 'sending' with an expired lease. */
export function isDue(record: ReportRecord, now: number): boolean {
  if (!record.endpoint) return false;
  if (record.state === 'queued') return (record.nextAttemptAt ?? 0) <= now;
  if (record.state === 'sending') return record.updatedAt + SENDING_LEASE_MS <= now;
  return false;
}

/** When `record` will next be due, or undefined if never (sent, failed, local). */
export function dueAt(record: ReportRecord): number | undefined {
  if (!record.endpoint) return undefined;
  if (record.state === 'queued') return record.nextAttemptAt ?? record.updatedAt;
  if (record.state === 'sending') return record.updatedAt + SENDING_LEASE_MS;
  return undefined;
}

/** Pure: the record as an attempt starts (persisted before the POST). */
export function beginAttempt(record: ReportRecord, now: number): ReportRecord {
  const { nextAttemptAt: _n, ...rest } = record;
  return { ...rest, state: 'sending', attempts: record.attempts + 1, updatedAt: now };
}

/** Pure: the record after an attempt ended with `outcome`. `attempts` already counts that attempt. */
export function nextState(record: ReportRecord, outcome: DeliveryOutcome, now: number, random: RandomSource = Math.random): ReportRecord {
  const { nextAttemptAt: _n, lastError: _e, lastStatus: _s, receiptId: _r, ...base } = record;
  const status = outcome.status !== undefined ? { lastStatus: outcome.status } : {};
  switch (outcome.kind) {
    case 'ok':
      return { ...base, ...status, state: 'sent', receiptId: outcome.receiptId, updatedAt: now };
    case 'permanent':
      return { ...base, ...status, state: 'failed', lastError: outcome.error.slice(0, 1000), updatedAt: now };
    case 'retryable': {
      const delay = Math.min(BACKOFF_CAP_MS, Math.max(backoffDelay(record.attempts, random), outcome.retryAfterMs ?? 0));
      return { ...base, ...status, state: 'queued', lastError: outcome.error.slice(0, 1000), nextAttemptAt: now + delay, updatedAt: now };
    }
  }
}

/** Classifies an HTTP status that is not a 2xx: 408, 429 and 5xx are worth retrying, other 4xx are not. */
export function isRetryableStatus(status: number): boolean {
  if (status === 408 || status === 429) return true;
  if (status >= 400 && status < 500) return false;
  return true;
}

/** Retry-After in seconds or as an HTTP date, in ms from `now`; undefined when absent or malformed. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d{1,10}\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface DeliverOptions {
  fetchImpl?: FetchLike;
  now?: number;
  timeoutMs?: number;
}

const Acknowledgement = z.object({ receiptId: z.string().trim().min(1).max(200) });

/**
 * One POST of `record.payload` to `record.endpoint`. Never throws: every failure is an outcome.
 * HTTPS only (plain HTTP to loopback, for tests), no cookies, no referrer, bounded in time.
 */
export async function deliver(record: ReportRecord, options: DeliverOptions = {}): Promise<DeliveryOutcome> {
  if (!record.endpoint) return { kind: 'permanent', error: 'no report endpoint: the report is kept locally' };
  let target: URL;
  try {
    target = checkSource(record.endpoint);
  } catch (e) {
    return { kind: 'permanent', error: (e as Error).message };
  }
  const fetchImpl: FetchLike = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DELIVER_TIMEOUT_MS;
  const controller = new AbortController();
  const timedOut = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(new DeliveryTimeout(`no answer from ${target.origin} within ${timeoutMs} ms`))),
  );
  timedOut.catch(() => undefined);
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  // Whatever the fetch implementation does with the signal, the timeout wins the race.
  const until = <T>(step: Promise<T>): Promise<T> => Promise.race([step, timedOut]);
  try {
    const response = await until(
      fetchImpl(target.href, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': record.id, Accept: 'application/json' },
        body: JSON.stringify(record.payload),
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        // A redirected POST may become a GET elsewhere; the receiver must answer at its URL.
        redirect: 'error',
        signal: controller.signal,
      }),
    );
    const status = response.status;
    if (status < 200 || status > 299) {
      response.body?.cancel().catch(() => undefined);
      const error = `${target.origin}: HTTP ${status}`;
      if (!isRetryableStatus(status)) return { kind: 'permanent', error, status };
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), options.now ?? Date.now());
      return { kind: 'retryable', error, status, ...(retryAfterMs !== undefined && { retryAfterMs }) };
    }
    const text = await until(readSome(response, MAX_ANSWER_BYTES));
    let ack: z.infer<typeof Acknowledgement> | undefined;
    try {
      ack = Acknowledgement.parse(JSON.parse(text));
    } catch {
      ack = undefined;
    }
    // The same Idempotency-Key makes a retry harmless, so a malformed acknowledgement is retried.
    if (!ack) return { kind: 'retryable', error: `${target.origin}: HTTP ${status} without a JSON {receiptId}`, status };
    return { kind: 'ok', receiptId: ack.receiptId, status };
  } catch (e) {
    if (e instanceof DeliveryTimeout) return { kind: 'retryable', error: e.message };
    if (controller.signal.aborted) return { kind: 'retryable', error: `no answer from ${target.origin} within ${timeoutMs} ms` };
    return { kind: 'retryable', error: `${target.origin}: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

class DeliveryTimeout extends Error {}

async function readSome(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      reader.cancel().catch(() => undefined);
      return '';
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

interface ReportsDB extends DBSchema {
  reports: { key: string; value: ReportRecord };
}

export class ReportOutbox {
  private constructor(private readonly db: IDBPDatabase<ReportsDB>) {}

  static async open(name = REPORTS_DB_NAME): Promise<ReportOutbox> {
    const db = await openDB<ReportsDB>(name, 1, {
      upgrade(db) {
        db.createObjectStore('reports', { keyPath: 'id' });
      },
    });
    return new ReportOutbox(db);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Stores a new report: 'queued' (due at once) when an endpoint is given, 'local' without one.
   * Adding the same idempotencyKey twice returns the stored record unchanged.
   */
  async add(payload: ReportPayload, endpoint: string | undefined, now = Date.now()): Promise<ReportRecord> {
    const valid = ReportPayload.parse(payload);
    if (endpoint !== undefined) checkSource(endpoint);
    const record = ReportRecord.parse({
      id: valid.idempotencyKey,
      payload: valid,
      ...(endpoint !== undefined && { endpoint }),
      state: endpoint !== undefined ? 'queued' : 'local',
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    });
    const tx = this.db.transaction('reports', 'readwrite');
    const existing = await tx.store.get(record.id);
    if (!existing) await tx.store.add(record);
    await tx.done;
    return existing ?? record;
  }

  /** Newest first. */
  async list(): Promise<ReportRecord[]> {
    return (await this.db.getAll('reports')).sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
  }

  get(id: string): Promise<ReportRecord | undefined> {
    return this.db.get('reports', id);
  }

  async remove(id: string): Promise<void> {
    await this.db.delete('reports', id);
  }

  /** Records to send at `now`, oldest first. */
  async due(now = Date.now()): Promise<ReportRecord[]> {
    return (await this.db.getAll('reports')).filter((r) => isDue(r, now)).sort((a, b) => a.createdAt - b.createdAt);
  }

  /** The earliest time a record will be due (for the caller's alarm), or undefined if none is pending. */
  async nextWake(): Promise<number | undefined> {
    let earliest: number | undefined;
    for (const record of await this.db.getAll('reports')) {
      const at = dueAt(record);
      if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
    }
    return earliest;
  }

  /**
   * Marks `id` 'sending' if it is still due at `now`, in one transaction, so two runs (alarm and
   * message at once) never both send it. Returns the claimed record, or undefined.
   */
  async claim(id: string, now = Date.now()): Promise<ReportRecord | undefined> {
    const tx = this.db.transaction('reports', 'readwrite');
    const record = await tx.store.get(id);
    let claimed: ReportRecord | undefined;
    if (record && isDue(record, now)) {
      claimed = beginAttempt(record, now);
      await tx.store.put(claimed);
    }
    await tx.done;
    return claimed;
  }

  /**
   * Stores the outcome of an attempt on a claimed record. Ignored (returns the stored record) if
   * the record was deleted or another run claimed it since (its lease ran out), so a late answer
   * never overwrites a newer state.
   */
  async settle(claimed: ReportRecord, outcome: DeliveryOutcome, now = Date.now(), random?: RandomSource): Promise<ReportRecord | undefined> {
    const tx = this.db.transaction('reports', 'readwrite');
    const current = await tx.store.get(claimed.id);
    let next = current;
    if (current && current.state === 'sending' && current.attempts === claimed.attempts && current.updatedAt === claimed.updatedAt) {
      next = nextState(current, outcome, now, random);
      await tx.store.put(next);
    }
    await tx.done;
    return next;
  }

  /**
   * The viewer's "retry now": 'failed' or 'queued' → 'queued', due at `now`; other states
   * unchanged. A queued report keeps its last error until the next attempt settles.
   */
  async retry(id: string, now = Date.now()): Promise<ReportRecord | undefined> {
    const tx = this.db.transaction('reports', 'readwrite');
    const record = await tx.store.get(id);
    let next = record;
    if (record && (record.state === 'failed' || record.state === 'queued') && record.endpoint) {
      const { nextAttemptAt: _n, ...rest } = record;
      next = { ...rest, state: 'queued', nextAttemptAt: now, updatedAt: now };
      await tx.store.put(next);
    }
    await tx.done;
    return next;
  }

  /** Every stored report, as JSON (ReportExport), for the viewer to keep or hand to a complaint channel. */
  async exportAll(now = new Date()): Promise<string> {
    const data: ReportExport = { schema: EXPORT_SCHEMA_ID, exportedAt: now.toISOString(), reports: await this.list() };
    return JSON.stringify(data, null, 2);
  }

  /**
   * Adds the reports of an export that are not stored yet (same id = same report); returns how
   * many were added. States are kept, so a 'sent' report is never sent again.
   */
  async importAll(text: string): Promise<number> {
    const { reports } = parseExport(text);
    const tx = this.db.transaction('reports', 'readwrite');
    let added = 0;
    for (const record of reports) {
      if (!(await tx.store.get(record.id))) {
        await tx.store.add(record);
        added++;
      }
    }
    await tx.done;
    return added;
  }
}

/** Parses and validates an export made by `exportAll`; throws on anything else. */
export function parseExport(text: string): ReportExport {
  return ReportExport.parse(JSON.parse(text));
}

export interface ProcessDueOptions extends DeliverOptions {
  random?: RandomSource;
  /** The time of each step; defaults to Date.now (tests pass a fake clock). */
  clock?: () => number;
}

export interface ProcessDueResult {
  attempted: number;
  sent: number;
  failed: number;
  retrying: number;
  /** Earliest time any record is due again (epoch ms), for the caller's alarm; undefined: nothing pending. */
  nextAttemptAt: number | undefined;
}

/**
 * Sends every due report once, one after the other: 'sending' is persisted before each POST,
 * the outcome after it. Returns counts and when to run again.
 */
export async function processDue(outbox: ReportOutbox, options: ProcessDueOptions = {}): Promise<ProcessDueResult> {
  const clock = options.clock ?? (() => options.now ?? Date.now());
  const result: ProcessDueResult = { attempted: 0, sent: 0, failed: 0, retrying: 0, nextAttemptAt: undefined };
  for (const candidate of await outbox.due(clock())) {
    const claimed = await outbox.claim(candidate.id, clock());
    if (!claimed) continue;
    result.attempted++;
    const outcome = await deliver(claimed, { ...options, now: clock() });
    const next = await outbox.settle(claimed, outcome, clock(), options.random);
    if (next?.state === 'sent') result.sent++;
    else if (next?.state === 'failed') result.failed++;
    else if (next?.state === 'queued') result.retrying++;
  }
  result.nextAttemptAt = await outbox.nextWake();
  return result;
}
