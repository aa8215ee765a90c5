/**
 * The stored registry, packed for national scale (issue 4): instead of one IndexedDB record per
 * subject with multiEntry indexes (1M+ index entries to write on import), subjects are kept as
 * JSON strings in blocks of BLOCK_SIZE, and every lookup key (`a:` account, `n:` normalised name,
 * `i:` subject key for an anchor's company) goes into one of `shardCount` index shards chosen by a
 * hash of the key (as CRLite and Safe Browsing shard by hash prefix). An import builds every
 * record in memory and writes a few thousand records in one transaction: all or nothing.
 * A lookup reads the shard of each key (a short packed list), then the blocks that hold the hits,
 * and parses only the subjects it needs. Parsed shards and subjects are kept in a small LRU for
 * warm lookups. Same API as RegistryStore (lib/registry/store.ts).
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { NAME_KEY_VERSION, normalizeName } from '../names/normalize';
import type { PageIdentity } from '../identity';
import { SNAPSHOT_SCHEMA_ID, type Anchor, type BlacklistEntry, type Company, type PlatformId, type Snapshot } from './schema';
import type { Candidates, Rejection, StoredHeader } from './store';

export const PACKED_DB_NAME = 'liveseal-packed';
/** Small enough that a block (~25 KB) stays inline in Chromium's IndexedDB rather than in a blob file. */
const BLOCK_SIZE = 32;
/** Aim for about this many keys per index shard. */
const KEYS_PER_SHARD = 128;
const CACHE_ENTRIES = 2048;

type Kind = 'company' | 'anchor' | 'blacklist';
const KINDS: readonly Kind[] = ['company', 'anchor', 'blacklist'];

/** One index shard: its keys and, for each, the ordinal of the subject it points to. */
interface Shard {
  keys: string[];
  ordinals: Uint32Array;
}

/** Subjects `ordinal` BLOCK_SIZE·b … : kind and data as JSON, parsed on demand. */
interface Block {
  kinds: Uint8Array;
  json: string[];
}

interface Layout {
  shardCount: number;
  subjects: number;
  nameKeyVersion: number;
}

interface PackedDB extends DBSchema {
  meta: { key: 'header' | 'lastRejection' | 'layout'; value: StoredHeader | Rejection | Layout };
  shards: { key: number; value: Shard };
  blocks: { key: number; value: Block };
}

type Data = Company | Anchor | BlacklistEntry;
interface Found {
  kind: Kind;
  key: string;
  data: Data;
}

const accountKey = (platform: PlatformId, accountId: string) => `a:${platform}\u0000${accountId}`;
const nameKey = (normalized: string) => `n:${normalized}`;
const idKey = (kind: Kind, id: string) => `i:${kind}:${id}`;

/** FNV-1a over UTF-16 code units: stable, fast, spreads well enough for shard choice. */
export function shardOf(key: string, shardCount: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shardCount;
}

function keysOf(kind: Kind, data: Data): string[] {
  const names = kind === 'blacklist' ? [...(data as BlacklistEntry).names, ...data.aliases] : [(data as Company).name, ...data.aliases];
  const keys = new Set<string>([idKey(kind, data.id)]);
  for (const a of data.accounts) keys.add(accountKey(a.platform, a.accountId));
  for (const n of names) {
    const k = normalizeName(n);
    if (k) keys.add(nameKey(k));
  }
  return [...keys];
}

/** Shards for every subject in `blocks` (kept in ordinal order). */
function buildShards(subjects: Iterable<{ kind: Kind; data: Data }>, count: number): { shards: Shard[]; layout: Layout } {
  const lists: { kind: Kind; data: Data }[] = [...subjects];
  const allKeys: string[][] = lists.map((s) => keysOf(s.kind, s.data));
  const total = allKeys.reduce((n, k) => n + k.length, 0);
  const shardCount = Math.max(1, Math.ceil(total / KEYS_PER_SHARD));
  const sizes = new Uint32Array(shardCount);
  const where: Uint32Array[] = allKeys.map((keys) => {
    const w = new Uint32Array(keys.length);
    keys.forEach((k, i) => {
      w[i] = shardOf(k, shardCount);
      sizes[w[i]!]!++;
    });
    return w;
  });
  const shards: Shard[] = Array.from(sizes, (size) => ({ keys: new Array<string>(size), ordinals: new Uint32Array(size) }));
  const fill = new Uint32Array(shardCount);
  allKeys.forEach((keys, ordinal) => {
    const w = where[ordinal]!;
    keys.forEach((k, i) => {
      const s = w[i]!;
      const at = fill[s]!++;
      shards[s]!.keys[at] = k;
      shards[s]!.ordinals[at] = ordinal;
    });
  });
  return { shards, layout: { shardCount, subjects: count, nameKeyVersion: NAME_KEY_VERSION } };
}

function* subjectsOf(snapshot: Snapshot): Generator<{ kind: Kind; data: Data }> {
  for (const data of snapshot.companies) yield { kind: 'company', data };
  for (const data of snapshot.anchors) yield { kind: 'anchor', data };
  for (const data of snapshot.blacklist) yield { kind: 'blacklist', data };
}

function buildBlocks(subjects: { kind: Kind; data: Data }[]): Block[] {
  const blocks: Block[] = [];
  for (let start = 0; start < subjects.length; start += BLOCK_SIZE) {
    const part = subjects.slice(start, start + BLOCK_SIZE);
    blocks.push({ kinds: Uint8Array.from(part, (s) => KINDS.indexOf(s.kind)), json: part.map((s) => JSON.stringify(s.data)) });
  }
  return blocks;
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

async function writeAll(
  tx: IDBPTransaction<PackedDB, ('meta' | 'shards' | 'blocks')[], 'readwrite' | 'versionchange'>,
  shards: Shard[],
  blocks: Block[] | undefined,
  layout: Layout,
): Promise<void> {
  const writes: Promise<unknown>[] = [tx.objectStore('shards').clear()];
  shards.forEach((shard, i) => writes.push(tx.objectStore('shards').put(shard, i)));
  if (blocks) {
    writes.push(tx.objectStore('blocks').clear());
    blocks.forEach((block, i) => writes.push(tx.objectStore('blocks').put(block, i)));
  }
  writes.push(tx.objectStore('meta').put(layout, 'layout'));
  await Promise.all(writes);
}

async function readAllSubjects(tx: IDBPTransaction<PackedDB, ('meta' | 'shards' | 'blocks')[], 'readonly' | 'versionchange'>) {
  const blocks = await tx.objectStore('blocks').getAll();
  const out: { kind: Kind; data: Data }[] = [];
  for (const block of blocks) block.json.forEach((json, i) => out.push({ kind: KINDS[block.kinds[i]!]!, data: JSON.parse(json) as Data }));
  return out;
}

export class PackedRegistryStore {
  private readonly shardCache = new Lru<number, Shard>(CACHE_ENTRIES);
  private readonly subjectCache = new Lru<number, Found>(CACHE_ENTRIES);
  private layoutCache: Layout | undefined;

  private constructor(private readonly db: IDBPDatabase<PackedDB>) {}

  /** The database version follows NAME_KEY_VERSION: an upgrade rebuilds the shards from the stored subjects. */
  static async open(name = PACKED_DB_NAME): Promise<PackedRegistryStore> {
    const db = await openDB<PackedDB>(name, NAME_KEY_VERSION, {
      async upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          db.createObjectStore('meta');
          db.createObjectStore('shards');
          db.createObjectStore('blocks');
          return;
        }
        const subjects = await readAllSubjects(tx);
        const { shards, layout } = buildShards(subjects, subjects.length);
        await writeAll(tx, shards, undefined, layout);
      },
    });
    return new PackedRegistryStore(db);
  }

  close(): void {
    this.db.close();
  }

  header(): Promise<StoredHeader | undefined> {
    return this.db.get('meta', 'header') as Promise<StoredHeader | undefined>;
  }

  lastRejection(): Promise<Rejection | undefined> {
    return this.db.get('meta', 'lastRejection') as Promise<Rejection | undefined>;
  }

  async recordRejection(rejection: Rejection): Promise<void> {
    await this.db.put('meta', rejection, 'lastRejection');
  }

  /** Replaces the stored registry with `snapshot`, all or nothing. */
  async replace(snapshot: Snapshot, meta: { trustedKeyids: string[]; source: string; now?: Date }): Promise<StoredHeader> {
    const header: StoredHeader = {
      info: snapshot.registry,
      version: snapshot.version,
      issuedAt: snapshot.issuedAt,
      expiresAt: snapshot.expiresAt,
      gradeScale: snapshot.gradeScale,
      importedAt: (meta.now ?? new Date()).toISOString(),
      trustedKeyids: meta.trustedKeyids,
      source: meta.source,
    };
    const subjects = [...subjectsOf(snapshot)];
    const { shards, layout } = buildShards(subjects, subjects.length);
    const blocks = buildBlocks(subjects);
    this.shardCache.clear();
    this.subjectCache.clear();
    this.layoutCache = undefined;
    const tx = this.db.transaction(['meta', 'shards', 'blocks'], 'readwrite');
    try {
      await Promise.all([writeAll(tx, shards, blocks, layout), tx.objectStore('meta').put(header, 'header'), tx.done]);
    } finally {
      this.shardCache.clear();
      this.subjectCache.clear();
      this.layoutCache = undefined;
    }
    return header;
  }

  /** The stored registry as a snapshot again: the base a delta applies to. */
  async snapshot(): Promise<Snapshot | undefined> {
    const tx = this.db.transaction(['meta', 'shards', 'blocks']);
    const header = (await tx.objectStore('meta').get('header')) as StoredHeader | undefined;
    if (!header) return undefined;
    const subjects = await readAllSubjects(tx);
    const of = <T extends Data>(kind: Kind) => subjects.filter((s) => s.kind === kind).map((s) => s.data as T);
    return {
      schema: SNAPSHOT_SCHEMA_ID,
      registry: header.info,
      version: header.version,
      issuedAt: header.issuedAt,
      expiresAt: header.expiresAt,
      gradeScale: header.gradeScale,
      companies: of<Company>('company'),
      anchors: of<Anchor>('anchor'),
      blacklist: of<BlacklistEntry>('blacklist'),
    };
  }

  /**
   * Every subject that shares an account or a normalised name with the page, and an anchor's
   * company. Over-approximates on purpose: the verdict rules decide what really matches.
   */
  async candidates(identity: PageIdentity): Promise<Candidates> {
    const tx = this.db.transaction(['meta', 'shards', 'blocks']);
    const layout = this.layoutCache ?? ((await tx.objectStore('meta').get('layout')) as Layout | undefined);
    const out: Candidates = { companies: [], anchors: [], blacklist: [] };
    if (!layout) return out;
    this.layoutCache = layout;
    const names = [identity.anchorName, identity.shopName, identity.companyName]
      .filter((n): n is string => !!n)
      .map(normalizeName)
      .filter(Boolean);
    const keys = [...new Set([...identity.accounts.map((a) => accountKey(identity.platform, a.accountId)), ...names.map(nameKey)])];
    const found = await this.lookup(tx, layout, keys);
    const linked = found.flatMap((f) => (f.kind === 'anchor' && (f.data as Anchor).companyId ? [idKey('company', (f.data as Anchor).companyId!)] : []));
    const all = linked.length ? [...found, ...(await this.lookup(tx, layout, linked))] : found;
    const unique = new Map<string, Found>();
    for (const f of all) unique.set(f.key, f);
    for (const f of unique.values()) {
      if (f.kind === 'company') out.companies.push(f.data as Company);
      else if (f.kind === 'anchor') out.anchors.push(f.data as Anchor);
      else out.blacklist.push(f.data as BlacklistEntry);
    }
    return out;
  }

  private async lookup(tx: IDBPTransaction<PackedDB, ('meta' | 'shards' | 'blocks')[], 'readonly'>, layout: Layout, keys: string[]): Promise<Found[]> {
    const shards = await Promise.all(
      keys.map(async (key) => {
        const s = shardOf(key, layout.shardCount);
        let shard = this.shardCache.get(s);
        if (!shard) {
          shard = await tx.objectStore('shards').get(s);
          if (shard) this.shardCache.set(s, shard);
        }
        return shard;
      }),
    );
    const ordinals: number[] = [];
    keys.forEach((key, i) => {
      const shard = shards[i];
      if (!shard) return;
      for (let j = 0; j < shard.keys.length; j++) if (shard.keys[j] === key) ordinals.push(shard.ordinals[j]!);
    });
    const unique = [...new Set(ordinals)].sort((a, b) => a - b);
    return Promise.all(
      unique.map(async (ordinal) => {
        const cached = this.subjectCache.get(ordinal);
        if (cached) return structuredClone(cached);
        const block = await tx.objectStore('blocks').get(Math.floor(ordinal / BLOCK_SIZE));
        if (!block) throw new Error(`registry block of subject ${ordinal} is missing`);
        const at = ordinal % BLOCK_SIZE;
        const kind = KINDS[block.kinds[at]!]!;
        const data = JSON.parse(block.json[at]!) as Data;
        const found: Found = { kind, key: `${kind}:${data.id}`, data };
        this.subjectCache.set(ordinal, found);
        return structuredClone(found);
      }),
    );
  }
}
