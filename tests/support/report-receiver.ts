/**
 * A report receiver on 127.0.0.1 (port 0), as a registry operator would run one, that tests can
 * tell to fail. It validates each POST against ReportPayload, deduplicates by Idempotency-Key
 * (a duplicate gets the first receipt again and is not stored twice) and answers {receiptId}.
 *
 * Fault modes, consumed one per request, in the order queued:
 *  '500'     answers 500 without storing;
 *  '400'     answers 400 without storing (a permanent refusal);
 *  'drop'    reads the request, stores nothing, destroys the connection;
 *  'timeout' STORES the report, then never answers (the worst case: the client must retry
 *            and the retry must be deduplicated).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReportPayload } from '../../lib/reports/schema';

export type FailMode = '500' | 'timeout' | 'drop' | '400';

export interface ReportReceiverOptions {
  /** Faults to answer the first requests with. */
  failNext?: { n: number; mode: FailMode };
  /** Path that receives reports; default '/reports'. */
  path?: string;
}

export interface ReportReceiver {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The endpoint to put in a registry's reportEndpoint. */
  url: string;
  /** Each distinct report stored, once, in arrival order. */
  received: ReportPayload[];
  /** Valid POSTs that reached the store step, duplicates included. */
  readonly deliveries: number;
  /** Of those, how many repeated an Idempotency-Key already stored. */
  readonly duplicates: number;
  /** Every request, whatever became of it. */
  readonly requests: number;
  /** Faults injected so far, by mode. */
  readonly faultsInjected: Record<FailMode, number>;
  /** The receipt given for each Idempotency-Key. */
  receipts: Map<string, string>;
  /** Queues `n` faults of `mode`, after any already queued. */
  failNext(n: number, mode: FailMode): void;
  /** Stops listening (connections refused) until `up()`; the port is kept. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY = 4 * 1024 * 1024;

export async function startReportReceiver(options: ReportReceiverOptions = {}): Promise<ReportReceiver> {
  const path = options.path ?? '/reports';
  const faults: FailMode[] = [];
  const received: ReportPayload[] = [];
  const receipts = new Map<string, string>();
  const faultsInjected: Record<FailMode, number> = { '500': 0, timeout: 0, drop: 0, '400': 0 };
  let deliveries = 0;
  let duplicates = 0;
  let requests = 0;
  const queue = (n: number, mode: FailMode) => {
    for (let i = 0; i < n; i++) faults.push(mode);
  };
  if (options.failNext) queue(options.failNext.n, options.failNext.mode);

  const answer = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    requests++;
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method !== 'POST' || url.pathname !== path) return answer(res, 404, { error: 'not found' });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY) return answer(res, 413, { error: 'too large' });
      chunks.push(chunk);
    }
    const fault = faults.shift();
    if (fault) faultsInjected[fault]++;
    if (fault === '500') return answer(res, 500, { error: 'injected failure' });
    if (fault === '400') return answer(res, 400, { error: 'injected refusal' });
    if (fault === 'drop') return void res.socket?.destroy();

    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !key) return answer(res, 400, { error: 'Idempotency-Key header required' });
    if (!String(req.headers['content-type']).startsWith('application/json')) return answer(res, 415, { error: 'JSON only' });
    let payload: ReportPayload;
    try {
      payload = ReportPayload.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } catch (e) {
      return answer(res, 400, { error: `invalid report: ${(e as Error).message.slice(0, 500)}` });
    }
    if (payload.idempotencyKey !== key) return answer(res, 400, { error: 'Idempotency-Key differs from idempotencyKey' });

    deliveries++;
    let receiptId = receipts.get(key);
    if (receiptId) duplicates++;
    else {
      receiptId = `r-${String(received.length + 1).padStart(6, '0')}`;
      receipts.set(key, receiptId);
      received.push(payload);
    }
    if (fault === 'timeout') return; // stored, never answered
    return answer(res, 201, { receiptId });
  };

  const server = createServer((req, res) => {
    // A report receiver serves browsers: it answers the CORS preflight and allows any origin
    // (reports carry no credentials), as docs/reports.md asks of every receiver.
    res.setHeader('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'Content-Type, Idempotency-Key',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    handle(req, res).catch(() => res.destroy());
  });
  const listen = (port: number) => new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  const stop = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  let listening = true;

  return {
    origin,
    url: `${origin}${path}`,
    received,
    receipts,
    get deliveries() {
      return deliveries;
    },
    get duplicates() {
      return duplicates;
    },
    get requests() {
      return requests;
    },
    faultsInjected,
    failNext: queue,
    async down() {
      if (!listening) return;
      listening = false;
      await stop();
    },
    async up() {
      if (listening) return;
      await listen(port);
      listening = true;
    },
    async close() {
      if (!listening) return;
      listening = false;
      await stop();
    },
  };
}
