/**
 * Exact-length reads from bytes arriving in chunks (a download's body), so a file can be checked
 * and stored part by part while the rest is still on its way. A read that falls inside one chunk
 * is a view of it, not a copy.
 */
import { concatBytes } from './bytes';

export class ChunkReader {
  private chunk: Uint8Array = new Uint8Array();
  private at = 0;
  private readonly chunks: AsyncIterator<Uint8Array>;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.chunks = source[Symbol.asyncIterator]();
  }

  /** A reader over bytes already in memory. */
  static of(bytes: Uint8Array): ChunkReader {
    return new ChunkReader(
      (async function* () {
        yield bytes;
      })(),
    );
  }

  /** The next `n` bytes; undefined when the bytes end first. */
  async read(n: number): Promise<Uint8Array | undefined> {
    if (this.chunk.length - this.at >= n) return this.take(n);
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      if (this.at === this.chunk.length && !(await this.next())) return undefined;
      const part = this.take(Math.min(n - filled, this.chunk.length - this.at));
      out.set(part, filled);
      filled += part.length;
    }
    return out;
  }

  /** Whether the bytes not read yet start with `prefix` (nothing is consumed). */
  async startsWith(prefix: Uint8Array): Promise<boolean> {
    while (this.chunk.length - this.at < prefix.length) {
      const before = this.chunk.subarray(this.at);
      if (!(await this.next())) return false;
      this.chunk = concatBytes([before, this.chunk]);
      this.at = 0;
    }
    return prefix.every((b, i) => this.chunk[this.at + i] === b);
  }

  /** The bytes before the next `\n` (which is consumed), if one comes within `max` bytes. */
  async readLine(max: number): Promise<Uint8Array | undefined> {
    const line: Uint8Array[] = [];
    let length = 0;
    for (;;) {
      if (this.at === this.chunk.length && !(await this.next())) return undefined;
      const end = this.chunk.indexOf(0x0a, this.at);
      const stop = end < 0 ? this.chunk.length : end;
      length += stop - this.at;
      if (length > max) return undefined;
      line.push(this.take(stop - this.at));
      if (end >= 0) {
        this.at++;
        return concatBytes(line);
      }
    }
  }

  /** Whether every byte has been read. */
  async atEnd(): Promise<boolean> {
    while (this.at === this.chunk.length) if (!(await this.next())) return true;
    return false;
  }

  /** Everything not read yet. */
  async rest(): Promise<Uint8Array> {
    const parts = [this.take(this.chunk.length - this.at)];
    while (await this.next()) parts.push(this.take(this.chunk.length));
    return concatBytes(parts);
  }

  /** Stops the source (a download is cancelled). */
  async cancel(): Promise<void> {
    await this.chunks.return?.();
  }

  private take(n: number): Uint8Array {
    const part = this.chunk.subarray(this.at, this.at + n);
    this.at += n;
    return part;
  }

  private async next(): Promise<boolean> {
    for (;;) {
      const { done, value } = await this.chunks.next();
      if (done) return false;
      if (value.length === 0) continue;
      this.chunk = value;
      this.at = 0;
      return true;
    }
  }
}

/**
 * `source` pulled as fast as it comes, whatever its consumer is doing: a download goes on at
 * network speed while the chunks already here are checked and stored (a fetch body is otherwise
 * paused once the browser's small buffer is full). Holds at most what the source yields, so the
 * source must be bounded (fetchStreaming's are). A failure reaches the consumer after the chunks
 * that came before it.
 */
export function readingAhead(source: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]();
  const queue: Uint8Array[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let stopped = false;
  void (async () => {
    try {
      while (!stopped) {
        const { done, value } = await chunks.next();
        if (done) break;
        queue.push(value);
        wake?.();
      }
    } catch (error) {
      failure = { error };
    }
    ended = true;
    wake?.();
  })();
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          if (queue.length > 0) yield queue.shift()!;
          else if (failure) throw failure.error;
          else if (ended) return;
          else await new Promise<void>((resume) => (wake = resume));
        }
      } finally {
        if (!ended) {
          stopped = true;
          chunks.return?.().catch(() => undefined);
        }
      }
    },
  };
}
