import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  backoffDelay,
  beginAttempt,
  deliver,
  isDue,
  nextState,
  parseExport,
  parseRetryAfter,
  processDue,
  ReportOutbox,
  SENDING_LEASE_MS,
  type DeliveryOutcome,
  type ReportRecord,
} from '../../lib/reports/outbox';
import { seededRandom } from '../support/random';
import { startReportReceiver, type ReportReceiver } from '../support/report-receiver';
import { payload } from './fixtures';

const T0 = Date.parse('2026-11-24T12:00:00Z');
const TIMEOUT = 300;
const ok: DeliveryOutcome = { kind: 'ok', receiptId: 'r-1', status: 201 };
const retryable: DeliveryOutcome = { kind: 'retryable', error: 'HTTP 500', status: 500 };
const permanent: DeliveryOutcome = { kind: 'permanent', error: 'HTTP 400', status: 400 };

const record = (overrides: Partial<ReportRecord> = {}): ReportRecord => {
  const p = payload();
  return { id: p.idempotencyKey, payload: p, endpoint: 'https://reports.example/in', state: 'queued', attempts: 0, createdAt: T0, updatedAt: T0, ...overrides };
};

describe('backoffDelay', () => {
  it('doubles from 30 s with up to +50 % jitter, capped at 6 h', () => {
    for (let attempt = 1; attempt <= 30; attempt++) {
      const nominal = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
      expect(backoffDelay(attempt, () => 0)).toBe(nominal);
      expect(backoffDelay(attempt, () => 0.999999)).toBeLessThanOrEqual(Math.min(BACKOFF_CAP_MS, nominal * 1.5));
      const random = seededRandom(attempt);
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(attempt, random);
        expect(d).toBeGreaterThanOrEqual(nominal);
        expect(d).toBeLessThanOrEqual(Math.min(BACKOFF_CAP_MS, nominal * 1.5));
      }
    }
    expect([1, 2, 3].map((a) => backoffDelay(a, () => 0))).toEqual([30_000, 60_000, 120_000]);
    expect(backoffDelay(1000, () => 0.5)).toBe(BACKOFF_CAP_MS);
  });

  it('is deterministic for a given random source', () => {
    const a = [1, 2, 3, 4].map((n, _i, _a, r = seededRandom(42)) => backoffDelay(n, r));
    const b = [1, 2, 3, 4].map((n, _i, _a, r = seededRandom(42)) => backoffDelay(n, r));
    expect(a).toEqual(b);
  });
});

describe('state machine', () => {
  it('beginAttempt: queued → sending, counts the attempt, clears nextAttemptAt', () => {
    const next = beginAttempt(record({ nextAttemptAt: T0, attempts: 2 }), T0 + 5);
    expect(next).toMatchObject({ state: 'sending', attempts: 3, updatedAt: T0 + 5 });
    expect(next).not.toHaveProperty('nextAttemptAt');
  });

  it('sending + ok → sent with the receipt id, errors cleared', () => {
    const sending = beginAttempt(record({ lastError: 'HTTP 500', lastStatus: 500 }), T0);
    const next = nextState(sending, ok, T0 + 10);
    expect(next).toMatchObject({ state: 'sent', receiptId: 'r-1', attempts: 1, updatedAt: T0 + 10, lastStatus: 201 });
    expect(next).not.toHaveProperty('lastError');
    expect(next).not.toHaveProperty('nextAttemptAt');
  });

  it('sending + retryable → queued after the backoff of that attempt', () => {
    let r = record();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      r = nextState(beginAttempt(r, T0), retryable, T0, () => 0);
      expect(r).toMatchObject({ state: 'queued', attempts: i + 1, lastError: 'HTTP 500', lastStatus: 500 });
      delays.push(r.nextAttemptAt! - T0);
    }
    expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  });

  it('retryable with Retry-After waits at least that long, still capped at 6 h', () => {
    const sending = beginAttempt(record(), T0);
    expect(nextState(sending, { ...retryable, retryAfterMs: 600_000 }, T0, () => 0).nextAttemptAt).toBe(T0 + 600_000);
    expect(nextState(sending, { ...retryable, retryAfterMs: 10 }, T0, () => 0).nextAttemptAt).toBe(T0 + 30_000);
    expect(nextState(sending, { ...retryable, retryAfterMs: 1e12 }, T0, () => 0).nextAttemptAt).toBe(T0 + BACKOFF_CAP_MS);
  });

  it('sending + permanent → failed with the reason, not due again', () => {
    const next = nextState(beginAttempt(record(), T0), permanent, T0 + 1);
    expect(next).toMatchObject({ state: 'failed', lastError: 'HTTP 400', lastStatus: 400 });
    expect(isDue(next, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('is pure: the input record is not changed', () => {
    const r = record();
    const copy = structuredClone(r);
    nextState(beginAttempt(r, T0), ok, T0);
    nextState(r, retryable, T0);
    expect(r).toEqual(copy);
  });

  it('isDue: queued when its time comes, sending after the lease, never sent/failed/local', () => {
    expect(isDue(record(), T0)).toBe(true);
    expect(isDue(record({ nextAttemptAt: T0 + 1000 }), T0 + 999)).toBe(false);
    expect(isDue(record({ nextAttemptAt: T0 + 1000 }), T0 + 1000)).toBe(true);
    expect(isDue(record({ state: 'sending' }), T0 + SENDING_LEASE_MS - 1)).toBe(false);
    expect(isDue(record({ state: 'sending' }), T0 + SENDING_LEASE_MS)).toBe(true);
    for (const state of ['sent', 'failed', 'local'] as const) expect(isDue(record({ state }), T0 + 1e12)).toBe(false);
    const { endpoint: _e, ...noEndpoint } = record();
    expect(isDue(noEndpoint, T0)).toBe(false);
  });

  it('parseRetryAfter reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', T0)).toBe(120_000);
    expect(parseRetryAfter(new Date(T0 + 5000).toUTCString(), T0)).toBe(5000);
    expect(parseRetryAfter('soon', T0)).toBeUndefined();
    expect(parseRetryAfter(null, T0)).toBeUndefined();
  });
});

describe('ReportOutbox (IndexedDB)', () => {
  let outbox: ReportOutbox;
  let dbName: string;
  beforeEach(async () => {
    dbName = `liveseal-reports-test-${Math.random()}`;
    outbox = await ReportOutbox.open(dbName);
  });
  afterEach(() => outbox.close());

  it('stores a report before sending: queued with an endpoint, local without', async () => {
    const queued = await outbox.add(payload(), 'https://reports.example/in', T0);
    const local = await outbox.add(payload(), undefined, T0 + 1);
    expect(queued).toMatchObject({ state: 'queued', attempts: 0, endpoint: 'https://reports.example/in' });
    expect(local.state).toBe('local');
    expect(local).not.toHaveProperty('endpoint');
    expect(await outbox.get(queued.id)).toEqual(queued);
    expect((await outbox.list()).map((r) => r.id)).toEqual([local.id, queued.id]);
    expect((await outbox.due(T0)).map((r) => r.id)).toEqual([queued.id]);
  });

  it('adding the same report twice keeps one record', async () => {
    const p = payload();
    const first = await outbox.add(p, 'https://reports.example/in', T0);
    expect(await outbox.add(p, 'https://reports.example/in', T0 + 5)).toEqual(first);
    expect(await outbox.list()).toHaveLength(1);
  });

  it('refuses an insecure endpoint and an invalid payload', async () => {
    await expect(outbox.add(payload(), 'http://reports.example/in', T0)).rejects.toThrow(/HTTPS/);
    await expect(outbox.add({ ...payload(), description: 'short' }, undefined, T0)).rejects.toThrow();
    expect(await outbox.list()).toEqual([]);
  });

  it('removes a report', async () => {
    const r = await outbox.add(payload(), undefined, T0);
    await outbox.remove(r.id);
    expect(await outbox.get(r.id)).toBeUndefined();
  });

  it('claims a due record once: a second claim of the same record gets nothing', async () => {
    const r = await outbox.add(payload(), 'https://reports.example/in', T0);
    const [a, b] = await Promise.all([outbox.claim(r.id, T0), outbox.claim(r.id, T0)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((await outbox.get(r.id))?.state).toBe('sending');
  });

  it('a late answer to a superseded attempt does not overwrite the newer state', async () => {
    const r = await outbox.add(payload(), 'https://reports.example/in', T0);
    const first = (await outbox.claim(r.id, T0))!;
    const second = (await outbox.claim(r.id, T0 + SENDING_LEASE_MS))!; // the first one's lease ran out
    expect(second.attempts).toBe(2);
    await outbox.settle(second, ok, T0 + SENDING_LEASE_MS + 1);
    expect(await outbox.settle(first, retryable, T0 + SENDING_LEASE_MS + 2)).toMatchObject({ state: 'sent', receiptId: 'r-1' });
    expect(await outbox.get(r.id)).toMatchObject({ state: 'sent', receiptId: 'r-1' });
    await outbox.remove(r.id);
    expect(await outbox.settle(second, ok, T0)).toBeUndefined();
  });

  it('processDue persists sending before the POST and the outcome after it', async () => {
    const r = await outbox.add(payload(), 'https://reports.example/in', T0);
    const during: (ReportRecord | undefined)[] = [];
    const fetchImpl = async () => {
      during.push(await outbox.get(r.id));
      return new Response('{"receiptId":"rcpt-9"}', { status: 201 });
    };
    expect(await processDue(outbox, { fetchImpl, now: T0 })).toMatchObject({ attempted: 1, sent: 1, nextAttemptAt: undefined });
    expect(during).toMatchObject([{ state: 'sending', attempts: 1, updatedAt: T0 }]);
    expect(await outbox.get(r.id)).toMatchObject({ state: 'sent', receiptId: 'rcpt-9' });
  });

  it('retry() puts a failed report back in the queue', async () => {
    const r = await outbox.add(payload(), 'https://reports.example/in', T0);
    const claimed = (await outbox.claim(r.id, T0))!;
    await outbox.settle(claimed, permanent, T0);
    expect((await outbox.retry(r.id, T0 + 1))?.state).toBe('queued');
    expect(await outbox.due(T0 + 1)).toHaveLength(1);
  });

  it('retry() makes a queued report due now, keeping its last error; sent and local reports stay as they are', async () => {
    const r = await outbox.add(payload(), 'https://reports.example/in', T0);
    await outbox.settle((await outbox.claim(r.id, T0))!, retryable, T0, () => 0);
    expect(await outbox.due(T0 + 1)).toHaveLength(0);
    expect(await outbox.retry(r.id, T0 + 1)).toMatchObject({ state: 'queued', nextAttemptAt: T0 + 1, lastError: 'HTTP 500' });
    expect((await outbox.due(T0 + 1)).map((d) => d.id)).toEqual([r.id]);
    await outbox.settle((await outbox.claim(r.id, T0 + 1))!, ok, T0 + 2);
    expect(await outbox.retry(r.id, T0 + 3)).toMatchObject({ state: 'sent', receiptId: 'r-1' });
    const local = await outbox.add(payload(), undefined, T0);
    expect((await outbox.retry(local.id, T0 + 3))?.state).toBe('local');
  });

  it('exports every report as JSON that parses back and imports into another outbox', async () => {
    await outbox.add(payload({ screenshot: 'data:image/png;base64,iVBORw0KGgo=' }), 'https://reports.example/in', T0);
    await outbox.add(payload(), undefined, T0 + 1);
    const text = await outbox.exportAll(new Date(T0));
    const parsed = parseExport(text);
    expect(parsed.reports).toEqual(await outbox.list());
    const other = await ReportOutbox.open(`${dbName}-other`);
    try {
      expect(await other.importAll(text)).toBe(2);
      expect(await other.importAll(text)).toBe(0);
      expect(await other.list()).toEqual(await outbox.list());
    } finally {
      other.close();
    }
    expect(() => parseExport('{"schema":"something-else","reports":[]}')).toThrow();
    expect(() => parseExport('not json')).toThrow();
  });
});

describe('delivery to a real receiver on 127.0.0.1', () => {
  let receiver: ReportReceiver;
  let outbox: ReportOutbox;
  let dbName: string;
  beforeAll(async () => {
    receiver = await startReportReceiver();
  });
  afterAll(() => receiver.close());
  beforeEach(async () => {
    dbName = `liveseal-reports-test-${Math.random()}`;
    outbox = await ReportOutbox.open(dbName);
  });
  afterEach(() => outbox.close());

  /** A fake clock that jumps to each record's next attempt, so backoff takes no real time. */
  const runUntilSettled = async (start: number, maxRuns = 20) => {
    let now = start;
    const runs = [];
    for (let i = 0; i < maxRuns; i++) {
      const result = await processDue(outbox, { now, timeoutMs: TIMEOUT, random: () => 0 });
      runs.push({ now, ...result });
      if (result.nextAttemptAt === undefined) break;
      now = Math.max(now + 1, result.nextAttemptAt);
    }
    return runs;
  };

  it('deliver: POSTs the JSON with Content-Type and Idempotency-Key, and reads the receipt', async () => {
    const r = await outbox.add(payload(), receiver.url, T0);
    const outcome = await deliver(r, { timeoutMs: TIMEOUT });
    expect(outcome).toMatchObject({ kind: 'ok', status: 201 });
    expect(receiver.received.at(-1)).toEqual(r.payload);
    expect(receiver.receipts.get(r.id)).toBe((outcome as { receiptId: string }).receiptId);
  });

  it('delivers exactly once through 500, 500 and a timeout, with the same key every time', async () => {
    const before = { received: receiver.received.length, deliveries: receiver.deliveries, requests: receiver.requests };
    receiver.failNext(2, '500');
    receiver.failNext(1, 'timeout');
    const r = await outbox.add(payload(), receiver.url, T0);
    const runs = await runUntilSettled(T0);
    const stored = (await outbox.get(r.id))!;
    expect(stored).toMatchObject({ state: 'sent', attempts: 4, receiptId: receiver.receipts.get(r.id) });
    expect(receiver.requests - before.requests).toBe(4);
    // stored once by the timed-out attempt, acknowledged again (deduplicated) by the 4th
    expect(receiver.received.length - before.received).toBe(1);
    expect(receiver.deliveries - before.deliveries).toBe(2);
    expect(receiver.received.filter((p) => p.idempotencyKey === r.id)).toHaveLength(1);
    // backoff between tries: 30 s, 60 s, 120 s (random = 0)
    expect(runs.map((x) => x.now - T0)).toEqual([0, 30_000, 90_000, 210_000]);
    expect(runs.at(-1)?.nextAttemptAt).toBeUndefined();
  });

  it('a duplicate with the same key gets the same receipt and is not counted twice', async () => {
    const r = await outbox.add(payload(), receiver.url, T0);
    const before = receiver.received.length;
    const first = await deliver(r, { timeoutMs: TIMEOUT });
    const second = await deliver(r, { timeoutMs: TIMEOUT });
    expect(first).toMatchObject({ kind: 'ok' });
    expect(second).toEqual(first);
    expect(receiver.received.length - before).toBe(1);
  });

  it('a dropped connection is retried; a 400 fails for good', async () => {
    receiver.failNext(1, 'drop');
    const dropped = await outbox.add(payload(), receiver.url, T0);
    await runUntilSettled(T0);
    expect((await outbox.get(dropped.id))).toMatchObject({ state: 'sent', attempts: 2 });

    receiver.failNext(1, '400');
    const refused = await outbox.add(payload(), receiver.url, T0);
    const [run] = await runUntilSettled(T0);
    expect(run).toMatchObject({ attempted: 1, failed: 1, nextAttemptAt: undefined });
    expect(await outbox.get(refused.id)).toMatchObject({ state: 'failed', attempts: 1, lastStatus: 400, lastError: expect.stringContaining('HTTP 400') });
    expect(receiver.receipts.has(refused.id)).toBe(false);
  });

  it('survives a worker restart: a record left in sending is delivered once after the lease', async () => {
    const r = await outbox.add(payload(), receiver.url, T0);
    expect(await outbox.claim(r.id, T0)).toBeDefined(); // the worker dies here, before the POST
    outbox.close();
    outbox = await ReportOutbox.open(dbName);
    expect(await processDue(outbox, { now: T0 + SENDING_LEASE_MS - 1, timeoutMs: TIMEOUT })).toMatchObject({
      attempted: 0,
      nextAttemptAt: T0 + SENDING_LEASE_MS,
    });
    const result = await processDue(outbox, { now: T0 + SENDING_LEASE_MS, timeoutMs: TIMEOUT });
    expect(result).toMatchObject({ attempted: 1, sent: 1, nextAttemptAt: undefined });
    expect(await outbox.get(r.id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(receiver.received.filter((p) => p.idempotencyKey === r.id)).toHaveLength(1);
  });

  it('a report made while the receiver is down is delivered once it is back', async () => {
    await receiver.down();
    const r = await outbox.add(payload(), receiver.url, T0);
    const first = await processDue(outbox, { now: T0, timeoutMs: TIMEOUT, random: () => 0 });
    expect(first).toMatchObject({ attempted: 1, retrying: 1, nextAttemptAt: T0 + 30_000 });
    await receiver.up();
    expect(await processDue(outbox, { now: T0 + 30_000, timeoutMs: TIMEOUT })).toMatchObject({ sent: 1 });
    expect(receiver.received.filter((p) => p.idempotencyKey === r.id)).toHaveLength(1);
  });

  it('local reports are never sent', async () => {
    const requests = receiver.requests;
    await outbox.add(payload(), undefined, T0);
    expect(await processDue(outbox, { now: T0 + 1e9 })).toMatchObject({ attempted: 0, nextAttemptAt: undefined });
    expect(receiver.requests).toBe(requests);
  });
});

describe('deliver (outcomes)', () => {
  const answer = (status: number, body = '', headers: Record<string, string> = {}) => async () => new Response(body || null, { status, headers });

  it.each([
    [201, '{"receiptId":"abc"}', 'ok'],
    [200, 'not json', 'retryable'],
    [200, '{}', 'retryable'],
    [408, '', 'retryable'],
    [429, '', 'retryable'],
    [500, '', 'retryable'],
    [503, '', 'retryable'],
    [400, '', 'permanent'],
    [401, '', 'permanent'],
    [404, '', 'permanent'],
    [413, '', 'permanent'],
  ])('HTTP %i %s → %s', async (status, body, kind) => {
    expect((await deliver(record(), { fetchImpl: answer(status, body) })).kind).toBe(kind);
  });

  it('sends no credentials and no referrer, and the same key on every try', async () => {
    const seen: RequestInit[] = [];
    const fetchImpl = async (_url: string, init: RequestInit) => {
      seen.push(init);
      return new Response('{"receiptId":"x"}', { status: 200 });
    };
    const r = record();
    await deliver(r, { fetchImpl });
    await deliver(r, { fetchImpl });
    for (const init of seen) {
      expect(init).toMatchObject({ method: 'POST', credentials: 'omit', referrerPolicy: 'no-referrer' });
      expect(init.headers).toMatchObject({ 'Content-Type': 'application/json', 'Idempotency-Key': r.id });
      expect(JSON.parse(String(init.body))).toEqual(r.payload);
    }
  });

  it('passes Retry-After on, times out a fetch that ignores the signal, refuses insecure endpoints', async () => {
    expect(await deliver(record(), { fetchImpl: answer(429, '', { 'retry-after': '90' }) })).toMatchObject({ kind: 'retryable', retryAfterMs: 90_000 });
    const hang = () => new Promise<Response>(() => undefined);
    expect(await deliver(record(), { fetchImpl: hang, timeoutMs: 50 })).toMatchObject({ kind: 'retryable', error: expect.stringContaining('50 ms') });
    expect(await deliver(record({ endpoint: 'http://reports.example/in' }))).toMatchObject({ kind: 'permanent' });
    const { endpoint: _e, ...local } = record();
    expect(await deliver(local)).toMatchObject({ kind: 'permanent' });
  });
});
