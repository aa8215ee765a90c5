/**
 * How the store lays shards out in IndexedDB records, and the slots installs write into: each
 * install gets a range of record keys of its own (the next slot number), written a few records
 * per transaction while it downloads, and becomes the stored registry in one small transaction.
 */
import type { PackLayout } from './pack';

/**
 * Shards are written several to a record: ten thousand small puts cost an import far more than
 * their bytes do, while reading a ~48 KB record instead of a ~4 KB one costs a lookup almost
 * nothing (and it still gunzips and parses only its one shard). Below Chromium's ~64 KB, above
 * which a value goes to a file of its own.
 */
const RECORD_BYTES = 48 * 1024;

/** Record keys of slot `s` are `s * SLOT_KEYS + r`; a pack has at most 2^16 shards of each kind. */
const SLOT_KEYS = 1 << 20;
/** Keys stay exact doubles (2^53) for slots up to here; an install a second for a century stays below. */
const MAX_SLOT = 2 ** 32;

/** Shard `i` of a record is `bytes[offsets[i] … offsets[i + 1]]`. */
export interface ShardRecord {
  offsets: Uint32Array;
  bytes: Uint8Array;
}

/** An install's range of record keys; 0 for stores written before slots. */
export type Slot = number;

/** The pack's layout, how many shards each record holds, and the slot its records are in. */
export interface StoredLayout extends PackLayout {
  dataPerRecord: number;
  indexPerRecord: number;
  /** Absent in stores written before slots: their records are slot 0's. */
  slot?: Slot;
}

export type ShardKind = 'data' | 'index';

/** Shards per record, for shards of these sizes. */
export function perRecord(sizes: readonly number[]): number {
  const average = sizes.reduce((n, s) => n + s, 0) / Math.max(1, sizes.length);
  return Math.max(1, Math.floor(RECORD_BYTES / Math.max(1, average)));
}

/** One record holding `shards` (at most the layout's per-record count). */
export function toRecord(shards: readonly Uint8Array[]): ShardRecord {
  const offsets = new Uint32Array(shards.length + 1);
  shards.forEach((shard, i) => (offsets[i + 1] = offsets[i]! + shard.length));
  const bytes = new Uint8Array(offsets[shards.length]!);
  shards.forEach((shard, i) => bytes.set(shard, offsets[i]!));
  return { offsets, bytes };
}

export const shardIn = (record: ShardRecord, i: number) => record.bytes.slice(record.offsets[i], record.offsets[i + 1]);
/** No copy: for records held in memory, which nothing changes. */
export const viewIn = (record: ShardRecord, i: number) => record.bytes.subarray(record.offsets[i], record.offsets[i + 1]);
export const allShards = (record: ShardRecord) => Array.from({ length: record.offsets.length - 1 }, (_, i) => shardIn(record, i));

export const slotOf = (layout: Pick<StoredLayout, 'slot'> | undefined): Slot => layout?.slot ?? 0;
/** The slot after both the stored registry's and any install begun since (which may still be writing). */
export const nextSlot = (...slots: (Slot | undefined)[]): Slot => {
  const next = Math.max(0, ...slots.map((s) => s ?? 0)) + 1;
  if (next > MAX_SLOT) throw new Error('record slots exhausted');
  return next;
};
/** The key of record `r` of a layout's slot. */
export const recordKey = (layout: Pick<StoredLayout, 'slot'>, r: number) => slotOf(layout) * SLOT_KEYS + r;
/** Records `first` … `last` of a slot (the whole slot by default). */
export const slotRange = (slot: Slot, first = 0, last = SLOT_KEYS - 1) => IDBKeyRange.bound(slot * SLOT_KEYS + first, slot * SLOT_KEYS + last);
/** Every key outside a slot: what an install that became the stored registry leaves behind. */
export const outsideSlot = (slot: Slot) => [
  ...(slot > 0 ? [IDBKeyRange.upperBound(slot * SLOT_KEYS, true)] : []),
  IDBKeyRange.lowerBound((slot + 1) * SLOT_KEYS),
];

/** Records a kind of shard takes in a layout. */
export const recordCount = (layout: StoredLayout, kind: ShardKind) =>
  kind === 'data' ? Math.ceil(layout.dataShards / layout.dataPerRecord) : Math.ceil(layout.indexShards / layout.indexPerRecord);
