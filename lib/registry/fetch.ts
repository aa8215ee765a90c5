/**
 * Downloads of registry files, bounded in size and time, with nothing about the user attached:
 * no cookies, no referrer, HTTPS only (plain HTTP only to this machine, for tests and local
 * mirrors). The body is counted as it streams, so a lying or missing Content-Length cannot
 * make the worker hold more than `maxBytes`, and the timer covers the body too, so a server
 * trickling bytes cannot hold an update open.
 */
import { concatBytes } from '../encoding/bytes';
import type { RejectionCode } from './verify';

/** Each is also a RejectionCode, so a failed download is recorded like a refused snapshot. */
export type FetchRefusedCode = Extract<RejectionCode, 'http-status' | 'too-large' | 'timeout' | 'network' | 'insecure-source'>;

export class FetchRefused extends Error {
  constructor(
    readonly code: FetchRefusedCode,
    message: string,
    /** The HTTP status, for 'http-status'. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchRefused';
  }
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface FetchBoundedOptions {
  maxBytes: number;
  /** For the whole exchange: connecting, headers and the last byte of the body. */
  timeoutMs: number;
  /** Sent as If-None-Match; a 304 then answers 'not-modified'. */
  etag?: string;
  fetchImpl?: FetchLike;
}

interface CacheHints {
  etag?: string;
  /** Cache-Control max-age, in seconds. */
  cacheControlMaxAge?: number;
}

export type FetchResult = ({ status: 'not-modified' } | { status: 'ok'; bytes: Uint8Array }) & CacheHints;

/** A streamed download: what `read` made of the body. */
export type StreamedResult<T> = ({ status: 'not-modified' } | { status: 'ok'; body: T }) & CacheHints;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** HTTPS anywhere, or plain HTTP to the loopback names; anything else (and credentials in the URL) is refused. */
export function checkSource(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchRefused('insecure-source', `"${url.slice(0, 200)}" is not a URL`);
  }
  if (parsed.username || parsed.password) {
    throw new FetchRefused('insecure-source', `${parsed.origin}: a registry URL must not carry credentials`);
  }
  const secure = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname));
  if (!secure) {
    throw new FetchRefused('insecure-source', `${parsed.protocol}//${parsed.host}: registry files are fetched over HTTPS only (plain HTTP to loopback only)`);
  }
  return parsed;
}

/** `max-age` of a Cache-Control header, in seconds; undefined when absent or malformed. */
export function parseMaxAge(cacheControl: string | null): number | undefined {
  if (!cacheControl) return undefined;
  for (const directive of cacheControl.split(',')) {
    const match = /^\s*max-age\s*=\s*"?(\d{1,10})"?\s*$/i.exec(directive);
    if (match?.[1]) return Number(match[1]);
  }
  return undefined;
}

function cacheHints(response: Response): CacheHints {
  const etag = response.headers.get('etag') ?? undefined;
  const cacheControlMaxAge = parseMaxAge(response.headers.get('cache-control'));
  return { ...(etag !== undefined && { etag }), ...(cacheControlMaxAge !== undefined && { cacheControlMaxAge }) };
}

function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/** The body's chunks, refused as soon as they pass `maxBytes`; `until` rejects on timeout. Stopping early cancels the download. */
async function* boundedBody(response: Response, maxBytes: number, until: <T>(p: Promise<T>) => Promise<T>): AsyncGenerator<Uint8Array> {
  if (!response.body) return;
  const reader = response.body.getReader();
  let received = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await until(reader.read());
      if (done) {
        finished = true;
        return;
      }
      received += value.byteLength;
      if (received > maxBytes) throw new FetchRefused('too-large', `the body passed ${maxBytes} bytes; download stopped`);
      yield value;
    }
  } finally {
    if (!finished) reader.cancel().catch(() => undefined);
  }
}

/** GETs `url` within `maxBytes` and `timeoutMs`; a refusal is a FetchRefused with a code. */
export async function fetchBounded(url: string, options: FetchBoundedOptions): Promise<FetchResult> {
  const answer = await fetchStreaming(url, options, async (chunks) => {
    const parts: Uint8Array[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    return concatBytes(parts);
  });
  if (answer.status !== 'ok') return answer;
  const { body, ...rest } = answer;
  return { ...rest, bytes: body };
}

/**
 * fetchBounded, with the body handed to `read` as it arrives (a pack is checked and stored while
 * it downloads). The limits hold while `read` runs: past `maxBytes` or `timeoutMs` its next chunk
 * is a FetchRefused, and whatever `read` throws stops the download.
 */
export async function fetchStreaming<T>(url: string, options: FetchBoundedOptions, read: (chunks: AsyncIterable<Uint8Array>) => Promise<T>): Promise<StreamedResult<T>> {
  const source = checkSource(url);
  const fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
  const controller = new AbortController();
  const timedOut = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () =>
      reject(new FetchRefused('timeout', `no complete answer from ${source.origin} within ${options.timeoutMs} ms`)),
    );
  });
  timedOut.catch(() => undefined);
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  // Whatever the fetch implementation does with the signal, the timeout wins the race.
  const until = <T>(step: Promise<T>): Promise<T> =>
    Promise.race([step, timedOut]).catch((e: unknown) => {
      if (e instanceof FetchRefused) throw e;
      if (controller.signal.aborted) return timedOut;
      throw new FetchRefused('network', `${source.origin}: ${e instanceof Error ? e.message : String(e)}`);
    });
  try {
    const response = await until(
      fetchImpl(source.href, {
        method: 'GET',
        headers: options.etag !== undefined ? { 'If-None-Match': options.etag } : {},
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        // The extension keeps the ETag itself; the HTTP cache must neither answer nor store.
        cache: 'no-store',
        redirect: 'follow',
        signal: controller.signal,
      }),
    );
    if (response.url && response.url !== source.href) {
      try {
        checkSource(response.url);
      } catch (e) {
        discard(response);
        throw new FetchRefused('insecure-source', `redirected: ${(e as Error).message}`);
      }
    }
    const hints = cacheHints(response);
    if (response.status === 304 && options.etag !== undefined) {
      discard(response);
      return { status: 'not-modified', ...hints };
    }
    if (response.status !== 200) {
      discard(response);
      throw new FetchRefused('http-status', `${source.href}: HTTP ${response.status}`, response.status);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > options.maxBytes) {
      discard(response);
      throw new FetchRefused('too-large', `${source.href} is ${declared} bytes, the limit is ${options.maxBytes}`);
    }
    return { status: 'ok', body: await read(boundedBody(response, options.maxBytes, until)), ...hints };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
