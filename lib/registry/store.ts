/**
 * The stored registry in IndexedDB, packed (lib/registry/pack.ts): gzip'd data and index shards
 * chosen by hash, so a national registry imports as a few thousand record writes and a lookup
 * reads a shard or two. One registry at a time, replaced in a single transaction, so a failed
 * import (quota, crash, closed worker) leaves the previous one intact.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { gunzip, gunzipNative, gunzipTransient, gzip, warmNativeGunzip } from '../encoding/gzip';
import { normalizeName } from '../names/normalize';
import {
  buildResemblanceIndex,
  loadResemblanceIndex,
  RESEMBLANCE_INDEX_VERSION,
  type ResemblanceData,
  type ResemblanceIndex,
} from '../names/resemblance';
import type { PageIdentity } from '../identity';
import type { RegistryStatus } from '../messages';
import {
  accountLookupKey,
  decodeDataShard,
  decodeNames,
  findInDataShard,
  indexIsCurrent,
  hash32,
  nameLookupKey,
  packSubjects,
  subjectKey,
  subjectsOf,
  type DataShardEntry,
  type PackLayout,
  type Subject,
} from './pack';
import { findInIndexShard } from './index-shard';
import { allShards, recordCount, recordKey, shardIn, slotOf, slotRange, toRecord, viewIn, type ShardKind, type ShardRecord, type StoredLayout } from './records';
import { SNAPSHOT_SCHEMA_ID, type Anchor, type BlacklistEntry, type Company, type Grade, type RegistryInfo, type Snapshot } from './schema';
import { RegistryWriter, type PendingInstall, type WritePlan } from './store-writer';

export const DB_NAME = 'liveseal';
/** 1–2: one record per subject (before packing); 3: packed shards. */
const DB_VERSION = 3;
/**
 * Shards kept for the next lookups (a page asks again on every room change, the popup and the
 * details page ask for the same room). Data shards are kept as stored (gzip'd, ~4 KB) and
 * inflated by each lookup; few of them: a long cache of random shards
 * keeps arrays alive long enough to reach the old generation, to be collected there
 * (national bench, warm p99: 2.7–2.8 ms with 256, 2.2 ms with 16).
 */
const CACHED_INDEX_SHARDS = 256;
const CACHED_DATA_SHARDS = 16;
/** Up to this many data shards (~1 MB of entries) the resemblance index loads in a few ms. */
const QUICK_RESEMBLANCE_SHARDS = 64;
/**
 * A worker busy with lookups (a page of many rooms, a viewer going from room to room) holds a
 * registry of up to RESIDENT_MAX_BYTES in memory, once quiet for a moment, so that its later
 * lookups read no IndexedDB (a national registry is ~42 MB as stored). A worker woken for a
 * room or two does not read the whole registry for them.
 */
const RESIDENT_AFTER_LOOKUPS = 8;
const RESIDENT_MAX_BYTES = 128 * 1024 * 1024;
const RESIDENT_DELAY_MS = 1_000;
/** Records per read while loading (~1.5 MB): a lookup never waits long behind one. */
const RESIDENT_CHUNK = 32;

export interface StoredHeader {
  info: RegistryInfo;
  version: number;
  issuedAt: string;
  expiresAt: string;
  gradeScale: Grade[];
  importedAt: string;
  trustedKeyids: string[];
  source: string;
}

export type Rejection = NonNullable<RegistryStatus['lastRejection']>;

/** The header of a snapshot, as a JSON snapshot and a pack manifest both carry it. */
export type SnapshotHeader = Pick<Snapshot, 'registry' | 'version' | 'issuedAt' | 'expiresAt' | 'gradeScale'>;

/** What an install records beside the registry: the keys it was checked with, where it came from, when. */
export interface InstallRecord {
  trustedKeyids: string[];
  source: string;
  now?: Date;
}

function storedHeaderOf({ registry, version, issuedAt, expiresAt, gradeScale }: SnapshotHeader, target: InstallRecord): StoredHeader {
  return { info: registry, version, issuedAt, expiresAt, gradeScale, importedAt: (target.now ?? new Date()).toISOString(), trustedKeyids: target.trustedKeyids, source: target.source };
}

/** A verified pack (lib/registry/pack-file.ts): its header, layout, gzip'd data shards and plain index shards, stored as they came. */
export interface PackedRegistry extends SnapshotHeader {
  layout: PackLayout;
  data: Uint8Array[];
  index: Uint8Array[];
  /** gzip'd `[id, name]` list of every blacklisted name and alias (pack.ts blacklistNames). */
  names: Uint8Array;
}

export interface RegistryDB extends DBSchema {
  meta: {
    key: 'header' | 'lastRejection' | 'layout' | 'names' | 'resemblance' | 'pending';
    value: StoredHeader | Rejection | StoredLayout | Uint8Array | ResemblanceData | PendingInstall;
  };
  data: { key: number; value: ShardRecord };
  index: { key: number; value: ShardRecord };
  /** Before DB_VERSION 3; emptied by the migration, dropped with a later version. */
  subjects: { key: string; value: Subject };
}

export interface Candidates {
  companies: Company[];
  anchors: Anchor[];
  blacklist: BlacklistEntry[];
}


/** A registry being written beside the stored one (RegistryStore.beginReplace). */
export interface Replacement {
  /** The next shard of a kind, in layout order (data shards gzip'd, index shards plain). */
  put(kind: ShardKind, shard: Uint8Array): Promise<void>;
  /** Makes it the stored registry; `names` is the gzip'd names section. */
  commit(content: SnapshotHeader, names: Uint8Array, target: InstallRecord): Promise<StoredHeader>;
  /** Gives up: what was written is dropped, the stored registry stays. */
  abandon(): Promise<void>;
}

/** A small least-recently-used map (Map keeps insertion order). */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }
  clear(): void {
    this.map.clear();
  }
}

function isPacked(content: Snapshot | PackedRegistry): content is PackedRegistry {
  return 'layout' in content;
}

/** A snapshot packed as the store keeps it; index shards are random 32-bit pairs that gzip cannot shrink, so stay plain. */
export function packSnapshot(snapshot: Snapshot, compress: (bytes: Uint8Array) => Uint8Array = gzip): PackedRegistry {
  const packed = packSubjects([...subjectsOf(snapshot)]);
  const [data, index, names] = [packed.data.map((shard) => compress(shard)), packed.index, compress(packed.names)];
  const { registry, version, issuedAt, expiresAt, gradeScale } = snapshot;
  return { registry, version, issuedAt, expiresAt, gradeScale, layout: packed.layout, data, index, names };
}

export class RegistryStore {
  private readonly indexCache = new Lru<number, Uint8Array>(CACHED_INDEX_SHARDS);
  private readonly dataCache = new Lru<number, Uint8Array>(CACHED_DATA_SHARDS);
  private layout: StoredLayout | undefined;
  private cachedHeader: Promise<StoredHeader | undefined> | undefined;
  private cachedResemblance: Promise<ResemblanceIndex | undefined> | undefined;
  private resemblanceInMemory = false;
  private generation = 0;
  /** Every record, once holdInMemory() has read them. */
  private resident: Record<'index' | 'data', ShardRecord[]> | undefined;
  private residentLoad: Promise<boolean> | undefined;
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
  private lookups = 0;

  private constructor(private readonly db: IDBPDatabase<RegistryDB>) {}

  /**
   * Opens (and when needed migrates) the store: a registry kept one record per subject (before
   * DB version 3), or indexed with another name normalisation or encoding (indexIsCurrent), is packed
   * again from its own data, in one transaction, before the first lookup.
   */
  static async open(name = DB_NAME): Promise<RegistryStore> {
    const db = await openDB<RegistryDB>(name, DB_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) db.createObjectStore('meta');
        if (oldVersion < 3) {
          db.createObjectStore('data');
          db.createObjectStore('index');
        }
      },
    });
    const store = new RegistryStore(db);
    await store.migrate();
    return store;
  }

  close(): void {
    clearTimeout(this.holdTimer);
    this.db.close();
  }

  /** Kept in memory after the first read: every verdict starts with it. */
  header(): Promise<StoredHeader | undefined> {
    return (this.cachedHeader ??= this.db.get('meta', 'header') as Promise<StoredHeader | undefined>);
  }

  lastRejection(): Promise<Rejection | undefined> {
    return this.db.get('meta', 'lastRejection') as Promise<Rejection | undefined>;
  }

  async recordRejection(rejection: Rejection): Promise<void> {
    await this.db.put('meta', rejection, 'lastRejection');
  }

  /**
   * Replaces the stored registry with a snapshot (packed here) or a verified pack (stored as is),
   * all or nothing: written beside the stored one, which lookups go on reading until the end.
   */
  async replace(content: Snapshot | PackedRegistry, target: InstallRecord): Promise<StoredHeader> {
    const packed = isPacked(content) && indexIsCurrent(content.layout) ? content : packSnapshot(asSnapshot(content));
    const sizes = (shards: Uint8Array[]) => shards.map((s) => s.length);
    const replacement = await this.beginReplace({ layout: packed.layout, dataSizes: sizes(packed.data), indexSizes: sizes(packed.index) });
    try {
      for (const shard of packed.data) await replacement.put('data', shard);
      for (const shard of packed.index) await replacement.put('index', shard);
      return await replacement.commit(packed, packed.names, target);
    } catch (e) {
      await replacement.abandon();
      throw e;
    }
  }

  /**
   * Starts writing a new registry beside the stored one, shard by shard as they arrive (a pack
   * being downloaded); nothing a lookup sees changes until commit().
   */
  async beginReplace(plan: WritePlan): Promise<Replacement> {
    const writer = await RegistryWriter.begin(this.db, plan);
    return {
      put: (kind, shard) => writer.put(kind, shard),
      commit: async (content, names, target) => {
        const header = storedHeaderOf(content, target);
        try {
          await writer.commit(header, names);
        } finally {
          this.forget();
        }
        return header;
      },
      abandon: () => writer.abandon(),
    };
  }

  /** The stored registry as a snapshot again (lists in id order): the base a delta applies to. */
  async snapshot(): Promise<Snapshot | undefined> {
    const tx = this.db.transaction(['meta', 'data']);
    const [header, layout] = await Promise.all([
      tx.objectStore('meta').get('header') as Promise<StoredHeader | undefined>,
      tx.objectStore('meta').get('layout') as Promise<StoredLayout | undefined>,
    ]);
    if (!header) return undefined;
    const records = await tx.objectStore('data').getAll(slotRange(slotOf(layout)));
    return snapshotOf(header, records.flatMap(allShards).flatMap((gz) => decodeSubjects(gunzip(gz))));
  }

  /**
   * Every subject that shares an account or a normalised name with the page, and an anchor's
   * company. Over-approximates on purpose: the verdict rules decide what really matches.
   */
  async candidates(identity: PageIdentity): Promise<Candidates> {
    // A replace() landing between the reads of one lookup would mix two registries: ask again.
    for (;;) {
      const generation = this.generation;
      const found = await this.lookup(identity);
      if (generation !== this.generation) continue;
      if (++this.lookups >= RESIDENT_AFTER_LOOKUPS) this.holdSoon();
      return found;
    }
  }

  /** After the answer has gone out, and only once the worker is quiet: loading takes ~0.5–1 s at national scale. */
  private holdSoon(): void {
    if (this.residentLoad || this.holdTimer) return;
    this.holdTimer = setTimeout(() => {
      this.holdTimer = undefined;
      void this.holdInMemory();
    }, RESIDENT_DELAY_MS);
  }

  /**
   * Reads every record into memory, a few per transaction, so that lookups then read none.
   * False (and nothing held) when the registry is larger than RESIDENT_MAX_BYTES, or was
   * replaced or closed meanwhile.
   */
  holdInMemory(maxBytes = RESIDENT_MAX_BYTES): Promise<boolean> {
    return (this.residentLoad ??= this.loadResident(maxBytes).catch(() => false));
  }

  private async loadResident(maxBytes: number): Promise<boolean> {
    const generation = this.generation;
    const layout = await this.storedLayout();
    if (!layout) return false;
    const held: Record<'index' | 'data', ShardRecord[]> = { index: [], data: [] };
    let bytes = 0;
    for (const kind of ['index', 'data'] as const) {
      const count = recordCount(layout, kind);
      for (let first = 0; first < count; first += RESIDENT_CHUNK) {
        const records = await this.db.getAll(kind, slotRange(slotOf(layout), first, first + RESIDENT_CHUNK - 1));
        if (generation !== this.generation) return false;
        for (const record of records) bytes += record.bytes.byteLength;
        if (bytes > maxBytes) return false;
        held[kind].push(...records);
      }
      if (held[kind].length !== count) return false;
    }
    this.resident = held;
    return true;
  }

  private async storedLayout(): Promise<StoredLayout | undefined> {
    return this.layout ?? ((await this.db.get('meta', 'layout')) as StoredLayout | undefined);
  }

  private async lookup(identity: PageIdentity): Promise<Candidates> {
    const out: Candidates = { companies: [], anchors: [], blacklist: [] };
    const generation = this.generation;
    const layout = await this.storedLayout();
    if (!layout) return out;
    // Whatever was read before a replace() must not be remembered after it.
    if (generation === this.generation) this.layout = layout;
    const names = [identity.anchorName, identity.shopName, identity.companyName]
      .filter((n): n is string => !!n)
      .map(normalizeName)
      .filter(Boolean);
    const keyHashes = [...new Set([...identity.accounts.map((a) => accountLookupKey(identity.platform, a.accountId)), ...names.map(nameLookupKey)])].map(hash32);
    const reading = this.shards(layout, 'index', keyHashes.map((h) => h % layout.indexShards));
    // A new worker sets up its native gunzip while its first record is read, not after.
    warmNativeGunzip();
    const indexShards = await reading;
    const found = await this.subjects(layout, keyHashes.flatMap((h) => findInIndexShard(indexShards.get(h % layout.indexShards)!, h, layout.indexShards)));
    // An anchor's MCN is found through the anchor, not the page.
    const companies = found.flatMap((s) => (s.kind === 'anchor' && s.data.companyId ? [subjectKey('company', s.data.companyId)] : []));
    const linked = companies.length ? await this.subjects(layout, companies.map(hash32), companies) : [];
    const unique = new Map<string, Subject>();
    for (const s of [...found, ...linked]) unique.set(subjectKey(s.kind, s.data.id), s);
    for (const s of unique.values()) {
      // Parsed afresh by every lookup: a caller changing a result changes nothing cached.
      if (s.kind === 'company') out.companies.push(s.data);
      else if (s.kind === 'anchor') out.anchors.push(s.data);
      else out.blacklist.push(s.data);
    }
    return out;
  }

  /** Subjects with these hashes (and, when given, these keys: an id lookup is exact). */
  private async subjects(layout: StoredLayout, hashes: number[], exactKeys?: string[]): Promise<Subject[]> {
    const wanted = new Set(hashes);
    const shards = await this.shards(layout, 'data', hashes.map((h) => h % layout.dataShards));
    // Held shards inflate into one reused buffer (gunzipTransient: each searched before the next);
    // shards read from IndexedDB natively, as a new worker's first lookups run JS interpreted.
    const stored = [...shards.values()].filter((shard) => shard.length > 0);
    const hits = this.resident
      ? stored.flatMap((shard) => findInDataShard(gunzipTransient(shard), wanted))
      : (await Promise.all(stored.map(async (shard) => findInDataShard(await gunzipNative(shard), wanted)))).flat();
    // Only the few hits are checked against the schema: a lookup never validates a whole shard.
    const subjects = validSubjects(hits);
    const keys = exactKeys && new Set(exactKeys);
    return keys ? subjects.filter((s) => keys.has(subjectKey(s.kind, s.data.id))) : subjects;
  }

  /** Shards by number, as stored (data shards gzip'd): from the cache, else read (their records, in one transaction). */
  private async shards(layout: StoredLayout, kind: 'index' | 'data', numbers: number[]): Promise<Map<number, Uint8Array>> {
    const cache = kind === 'index' ? this.indexCache : this.dataCache;
    const per = kind === 'index' ? layout.indexPerRecord : layout.dataPerRecord;
    const out = new Map<number, Uint8Array>();
    const missing: number[] = [];
    const resident = this.resident?.[kind];
    for (const n of new Set(numbers)) {
      const cached = cache.get(n);
      const held = !cached && resident?.[Math.floor(n / per)];
      if (cached) out.set(n, cached);
      else if (held) out.set(n, this.shardOf(kind, n, viewIn(held, n % per)));
      else missing.push(n);
    }
    if (missing.length > 0) {
      const generation = this.generation;
      const tx = this.db.transaction(kind);
      const recordNumbers = [...new Set(missing.map((n) => Math.floor(n / per)))];
      const records = new Map(await Promise.all(recordNumbers.map(async (r) => [r, await tx.store.get(recordKey(layout, r))] as const)));
      for (const n of missing) {
        const record = records.get(Math.floor(n / per));
        const shard = this.shardOf(kind, n, record && shardIn(record, n % per), generation);
        out.set(n, shard);
      }
    }
    return out;
  }

  /** A stored shard, cached (empty when its record is missing). */
  private shardOf(kind: 'index' | 'data', n: number, stored: Uint8Array | undefined, generation = this.generation): Uint8Array {
    const shard = stored ?? new Uint8Array();
    if (generation === this.generation) (kind === 'index' ? this.indexCache : this.dataCache).set(n, shard);
    return shard;
  }

  /**
   * The resemblance index over every blacklisted name (lib/names/resemblance.ts), for "possible
   * match" warnings. Built from the stored names once per registry (~1–2 s at 100,000 names),
   * kept as data (one record, ~0.1 s to load in a new worker) and in memory.
   */
  resemblanceIndex(): Promise<ResemblanceIndex | undefined> {
    // replace() forgets it, so an index of the registry before is never kept.
    if (!this.cachedResemblance) {
      const generation = this.generation;
      this.cachedResemblance = this.loadResemblance();
      void this.cachedResemblance.then(() => (this.resemblanceInMemory = generation === this.generation), () => undefined);
    }
    return this.cachedResemblance;
  }

  /**
   * Whether resemblanceIndex() answers at once: it is in memory, or the registry is small.
   * Loading a national one blocks the worker for ~0.1–0.5 s, which a page's first verdict
   * should not wait for (lib/background/resemblance.ts asks the page again instead).
   */
  async resemblanceIndexIsQuick(): Promise<boolean> {
    if (this.resemblanceInMemory) return true;
    const layout = await this.storedLayout();
    return !layout || layout.dataShards <= QUICK_RESEMBLANCE_SHARDS;
  }

  private async loadResemblance(): Promise<ResemblanceIndex | undefined> {
    const data = (await this.db.get('meta', 'resemblance')) as ResemblanceData | undefined;
    if (data?.version === RESEMBLANCE_INDEX_VERSION) return loadResemblanceIndex(data);
    const generation = this.generation;
    const names = (await this.db.get('meta', 'names')) as Uint8Array | undefined;
    if (!names) return undefined;
    const index = buildResemblanceIndex(decodeNames(gunzip(names)));
    if (generation === this.generation) await this.db.put('meta', index.toData(), 'resemblance');
    return index;
  }

  /** Blacklist entries by id (the ids a resemblance match names). */
  async blacklistEntries(ids: readonly string[]): Promise<BlacklistEntry[]> {
    const layout = await this.storedLayout();
    if (!layout || ids.length === 0) return [];
    const keys = [...new Set(ids)].map((id) => subjectKey('blacklist', id));
    return (await this.subjects(layout, keys.map(hash32), keys)).flatMap((s) => (s.kind === 'blacklist' ? [s.data] : []));
  }

  private forget(): void {
    this.cachedResemblance = undefined;
    this.resemblanceInMemory = false;
    this.generation++;
    this.cachedHeader = undefined;
    this.indexCache.clear();
    this.dataCache.clear();
    this.layout = undefined;
    this.resident = undefined;
    this.residentLoad = undefined;
  }

  /** Packs a registry stored before DB version 3, or indexed otherwise (indexIsCurrent). */
  private async migrate(): Promise<void> {
    // One transaction for all three reads: a new worker's first verdict waits for it.
    const stores: ('meta' | 'subjects')[] = this.db.objectStoreNames.contains('subjects') ? ['meta', 'subjects'] : ['meta'];
    const tx = this.db.transaction(stores);
    const [header, layout, legacy] = await Promise.all([
      tx.objectStore('meta').get('header') as Promise<StoredHeader | undefined>,
      tx.objectStore('meta').get('layout') as Promise<StoredLayout | undefined>,
      stores.length > 1 ? tx.objectStore('subjects').getAll() : [],
    ]);
    this.cachedHeader = Promise.resolve(header);
    this.layout = layout;
    if (!header) return;
    let snapshot: Snapshot | undefined;
    if (legacy.length > 0) snapshot = snapshotOf(header, legacy.map(({ kind, data }) => ({ kind, data }) as Subject));
    else if (layout && !indexIsCurrent(layout)) snapshot = await this.snapshot();
    if (!snapshot) return;
    await this.replace(snapshot, { trustedKeyids: header.trustedKeyids, source: header.source, now: new Date(header.importedAt) });
    if (legacy.length > 0) await this.db.clear('subjects');
  }

  /**
   * The stored registry as it lies on disk (data shards gzip'd, index shards plain, names
   * gzip'd): the base a delta is applied to shard by shard (lib/registry/delta-shards.ts).
   * Undefined when nothing is stored, or when its index is not current (indexIsCurrent).
   */
  async storedShards(): Promise<StoredShards | undefined> {
    // A worker holding the registry in memory does not read it again (~2 s at national scale).
    const held = this.resident?.data;
    const stores: ('meta' | 'data')[] = held ? ['meta'] : ['meta', 'data'];
    const tx = this.db.transaction(stores);
    const meta = tx.objectStore('meta');
    const [header, layout, names] = await Promise.all([
      meta.get('header') as Promise<StoredHeader | undefined>,
      meta.get('layout') as Promise<StoredLayout | undefined>,
      meta.get('names') as Promise<Uint8Array | undefined>,
    ]);
    if (!header || !layout || !names || !indexIsCurrent(layout)) return undefined;
    const data = held ?? (await tx.objectStore('data').getAll(slotRange(slotOf(layout))));
    const { dataShards, indexShards, nameKeyVersion, indexFormat } = layout;
    const base: StoredShards = {
      header,
      layout: { dataShards, indexShards, nameKeyVersion, indexFormat },
      data: data.flatMap(allShards),
      names,
      write: (changes, target) => this.writeChanges(base, layout, changes, target),
    };
    return base;
  }

  /**
   * Writes a delta's result over `base`: the records holding a changed shard (index shards
   * rewritten here, from what they hold), the header and the names, in one transaction, and
   * only if the stored registry is still `base`; undefined (nothing written) when a replace()
   * came between.
   */
  private async writeChanges(
    base: StoredShards,
    layout: StoredLayout,
    changes: ShardChanges,
    target: InstallRecord,
  ): Promise<StoredHeader | undefined> {
    const header = storedHeaderOf(changes.header, target);
    /** Numbers of the records holding these shards. */
    const recordsOf = (shards: Iterable<number>, per: number) => [...new Set([...shards].map((n) => Math.floor(n / per)))];
    /** Record `r` again, with its changed shards. */
    const rebuilt = (r: number, shards: Uint8Array[], per: number, change: (n: number, shard: Uint8Array) => Uint8Array) =>
      toRecord(shards.map((shard, i) => change(r * per + i, shard)));
    const dataPer = layout.dataPerRecord;
    const dataRecords = recordsOf(changes.data.keys(), dataPer).map(
      (r) => [r, rebuilt(r, base.data.slice(r * dataPer, (r + 1) * dataPer), dataPer, (n, shard) => changes.data.get(n) ?? shard)] as const,
    );
    this.forget();
    const tx = this.db.transaction(['meta', 'data', 'index'], 'readwrite');
    const done = tx.done;
    done.catch(() => undefined); // awaited below; an abort must not also surface as unhandled
    const meta = tx.objectStore('meta');
    const data = tx.objectStore('data');
    const index = tx.objectStore('index');
    try {
      const indexPer = layout.indexPerRecord;
      const [stored, ...held] = await Promise.all([
        meta.get('header') as Promise<StoredHeader | undefined>,
        ...recordsOf(changes.index.keys(), indexPer).map(async (r) => [r, await index.get(recordKey(layout, r))] as const),
      ]);
      if (stored?.version !== base.header.version || stored.importedAt !== base.header.importedAt) {
        tx.abort();
        return undefined;
      }
      const writes: Promise<unknown>[] = [meta.put(header, 'header')];
      for (const [r, record] of dataRecords) writes.push(data.put(record, recordKey(layout, r)));
      for (const [r, record] of held as (readonly [number, ShardRecord | undefined])[]) {
        if (record) writes.push(index.put(rebuilt(r, allShards(record), indexPer, (n, shard) => changes.index.get(n)?.(shard) ?? shard), recordKey(layout, r)));
      }
      if (changes.names) writes.push(meta.put(changes.names, 'names'), meta.delete('resemblance'));
      await Promise.all([...writes, done]);
    } finally {
      this.forget();
    }
    return header;
  }
}

/** The stored registry as raw shards, and how to write a delta's result over it. */
export interface StoredShards {
  header: StoredHeader;
  layout: PackLayout;
  /** gzip'd, in layout order. */
  data: Uint8Array[];
  /** gzip'd `[id, name]` list (pack.ts blacklistNames). */
  names: Uint8Array;
  /** Undefined, writing nothing, when the stored registry is no longer this one. */
  write(changes: ShardChanges, target: InstallRecord): Promise<StoredHeader | undefined>;
}

/** A delta's result as what changed on disk: the new header, data shards by number (gzip'd), how index shards change, the names when they changed (gzip'd). */
export interface ShardChanges {
  header: SnapshotHeader;
  data: Map<number, Uint8Array>;
  index: Map<number, (shard: Uint8Array) => Uint8Array>;
  names?: Uint8Array;
}

/** A verified pack whose name index is out of date becomes a snapshot again (rare: an extension update changed normalisation). */
function asSnapshot(content: Snapshot | PackedRegistry): Snapshot {
  if (!isPacked(content)) return content;
  return snapshotOf({ info: content.registry, ...content }, content.data.flatMap((gz) => decodeSubjects(gunzip(gz))));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const REQUIRED_LISTS = { company: ['aliases', 'certificates', 'accounts'], anchor: ['aliases', 'accounts'], blacklist: ['names', 'aliases', 'accounts', 'reasons'] } as const;

/**
 * Entries shaped as their kind needs. The full schema was checked by the publisher and
 * the bytes by their signed hash; this cheap check (no zod on the lookup path, which matters for
 * a worker's first lookup) only keeps a corrupt disk from reaching the verdict rules.
 */
function validSubjects(entries: DataShardEntry[]): Subject[] {
  return entries.flatMap((entry) => {
    const data = entry.data;
    if (!isObject(data) || typeof data.id !== 'string') return [];
    if (entry.kind !== 'blacklist' && typeof data.name !== 'string') return [];
    if (!REQUIRED_LISTS[entry.kind].every((list) => Array.isArray(data[list]))) return [];
    return [{ kind: entry.kind, data } as Subject];
  });
}

const decodeSubjects = (shard: Uint8Array): Subject[] => validSubjects(decodeDataShard(shard));

function snapshotOf(header: Pick<StoredHeader, 'info' | 'version' | 'issuedAt' | 'expiresAt' | 'gradeScale'>, subjects: Subject[]): Snapshot {
  const of = <K extends Subject['kind']>(kind: K) =>
    subjects
      .filter((s): s is Extract<Subject, { kind: K }> => s.kind === kind)
      .map((s) => s.data as Extract<Subject, { kind: K }>['data'])
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    schema: SNAPSHOT_SCHEMA_ID,
    registry: header.info,
    version: header.version,
    issuedAt: header.issuedAt,
    expiresAt: header.expiresAt,
    gradeScale: header.gradeScale,
    companies: of('company'),
    anchors: of('anchor'),
    blacklist: of('blacklist'),
  };
}
