/**
 * Writes a new registry beside the stored one: into a slot of its own (lib/registry/records.ts),
 * a few records per transaction as shards arrive, so an import overlaps its download and lookups
 * keep answering from the stored registry meanwhile (its writes touch only the records' stores,
 * never the header a lookup starts from). Nothing changes for a reader until commit(), one small
 * transaction that makes the new slot the stored one. An install that fails or is cut off leaves
 * only unused records, which the next install clears.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { PackLayout } from './pack';
import { nextSlot, outsideSlot, perRecord, recordKey, slotOf, slotRange, toRecord, type ShardKind, type ShardRecord, type Slot, type StoredLayout } from './records';
import type { RegistryDB, StoredHeader } from './store';

/** Records per transaction (~0.75 MB): a lookup of the stored registry never waits long behind one. */
const RECORDS_PER_WRITE = 16;
/** Write transactions in flight at once: the next batch is gathered while one commits. */
const WRITES_IN_FLIGHT = 2;

/** The install begun last; an older one still writing can then no longer become the stored registry. */
export interface PendingInstall {
  token: string;
  slot: Slot;
}

/** What a writer must know before the first shard: the layout, and every shard's size (to group them in records). */
export interface WritePlan {
  layout: PackLayout;
  dataSizes: readonly number[];
  indexSizes: readonly number[];
}

export class InstallSuperseded extends Error {
  constructor() {
    super('another install of this registry started meanwhile; this one stopped');
    this.name = 'InstallSuperseded';
  }
}

/** Which install of which version a stored header is. */
const importOf = (header: StoredHeader) => `${header.version}@${header.importedAt}`;

/** Deletes the records of both record stores in `ranges`. */
function clearRecords(tx: IDBPTransaction<RegistryDB, ('meta' | 'data' | 'index')[], 'readwrite'>, ranges: IDBKeyRange[]): Promise<void>[] {
  return ranges.flatMap((range) => [tx.objectStore('data').delete(range), tx.objectStore('index').delete(range)]);
}

class RecordQueue {
  shards: Uint8Array[] = [];
  records: [number, ShardRecord][] = [];
  written = 0;
  received = 0;
  constructor(readonly per: number) {}
}

export class RegistryWriter {
  private readonly queues: Record<ShardKind, RecordQueue>;
  private readonly inFlight: Promise<void>[] = [];
  private failure: unknown;

  private constructor(
    private readonly db: IDBPDatabase<RegistryDB>,
    private readonly pending: PendingInstall,
    readonly layout: StoredLayout,
    /** The stored registry this one replaces; another install or a delta landing first stops this one. */
    private readonly replacing: string | undefined,
  ) {
    this.queues = { data: new RecordQueue(layout.dataPerRecord), index: new RecordQueue(layout.indexPerRecord) };
  }

  /** Claims a new slot, and drops the records of installs that were cut off (all but the stored registry's). */
  static async begin(db: IDBPDatabase<RegistryDB>, plan: WritePlan): Promise<RegistryWriter> {
    const tx = db.transaction(['meta', 'data', 'index'], 'readwrite');
    const meta = tx.objectStore('meta');
    const [stored, replacing, previous] = await Promise.all([
      meta.get('layout') as Promise<StoredLayout | undefined>,
      meta.get('header') as Promise<StoredHeader | undefined>,
      meta.get('pending') as Promise<PendingInstall | undefined>,
    ]);
    const slot = nextSlot(slotOf(stored), previous?.slot);
    const pending: PendingInstall = { token: crypto.randomUUID(), slot };
    await Promise.all([meta.put(pending, 'pending'), ...clearRecords(tx, outsideSlot(slotOf(stored))), tx.done]);
    const layout: StoredLayout = {
      ...plan.layout,
      dataPerRecord: perRecord(plan.dataSizes),
      indexPerRecord: perRecord(plan.indexSizes),
      slot,
    };
    return new RegistryWriter(db, pending, layout, replacing && importOf(replacing));
  }

  /** The next shard of a kind, in layout order; waits when writes fall behind. */
  async put(kind: ShardKind, shard: Uint8Array): Promise<void> {
    this.throwIfFailed();
    const queue = this.queues[kind];
    queue.received++;
    queue.shards.push(shard);
    if (queue.shards.length === queue.per) this.closeRecord(queue);
    if (queue.records.length >= RECORDS_PER_WRITE) await this.flush(kind);
  }

  /**
   * Makes the written registry the stored one, in one transaction that also drops the previous
   * one's records. Refused when another install started meanwhile, or when a shard is missing.
   */
  async commit(header: StoredHeader, names: Uint8Array): Promise<void> {
    for (const kind of ['data', 'index'] as const) {
      const queue = this.queues[kind];
      const expected = kind === 'data' ? this.layout.dataShards : this.layout.indexShards;
      if (queue.received !== expected) throw new Error(`${queue.received} ${kind} shards written, the layout has ${expected}`);
      if (queue.shards.length > 0) this.closeRecord(queue);
      if (queue.records.length > 0) this.startWrite(kind);
    }
    await Promise.all(this.inFlight);
    this.throwIfFailed();
    const tx = this.db.transaction(['meta', 'data', 'index'], 'readwrite');
    const done = tx.done;
    done.catch(() => undefined); // awaited below; an abort must not also surface as unhandled
    const meta = tx.objectStore('meta');
    const [current, stored] = await Promise.all([meta.get('pending') as Promise<PendingInstall | undefined>, meta.get('header') as Promise<StoredHeader | undefined>]);
    if (current?.token !== this.pending.token || (stored && importOf(stored)) !== this.replacing) {
      tx.abort();
      throw new InstallSuperseded();
    }
    await Promise.all([
      meta.put(this.layout, 'layout'),
      meta.put(header, 'header'),
      meta.put(names, 'names'),
      meta.delete('resemblance'),
      meta.delete('pending'),
      ...clearRecords(tx, outsideSlot(this.pending.slot)),
      done,
    ]);
  }

  /** Drops what was written. Best effort: the next install clears it anyway. */
  async abandon(): Promise<void> {
    try {
      const tx = this.db.transaction(['meta', 'data', 'index'], 'readwrite');
      const done = tx.done;
      done.catch(() => undefined);
      const current = (await tx.objectStore('meta').get('pending')) as PendingInstall | undefined;
      await Promise.all([
        ...(current?.token === this.pending.token ? [tx.objectStore('meta').delete('pending')] : []),
        ...clearRecords(tx, [slotRange(this.pending.slot)]),
        done,
      ]);
    } catch {
      // A closed database or a full disk: nothing stored depends on these records.
    }
  }

  private closeRecord(queue: RecordQueue): void {
    queue.records.push([queue.written + queue.records.length, toRecord(queue.shards)]);
    queue.shards = [];
  }

  /** Writes the gathered records of a kind, and waits while too many writes are in flight. */
  private async flush(kind: ShardKind): Promise<void> {
    this.startWrite(kind);
    while (this.inFlight.length > WRITES_IN_FLIGHT) await this.inFlight.shift();
    this.throwIfFailed();
  }

  /** One transaction for the gathered records of a kind, in this install's own slot. */
  private startWrite(kind: ShardKind): void {
    const queue = this.queues[kind];
    const records = queue.records;
    queue.records = [];
    queue.written += records.length;
    const write = (async () => {
      const tx = this.db.transaction(kind, 'readwrite');
      await Promise.all([...records.map(([r, record]) => tx.store.put(record, recordKey(this.layout, r))), tx.done]);
    })().catch((e: unknown) => {
      this.failure ??= e;
    });
    this.inFlight.push(write);
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
