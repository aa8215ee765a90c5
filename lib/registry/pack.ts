/**
 * The registry packed for national scale (issue 4), as CRLite and Safe Browsing do it: records
 * sharded by a hash, so an import writes a few thousand gzip'd records instead of a million
 * rows with index entries, and a lookup reads one or two small shards.
 *
 *  - data shard `hash32(kind:id) % dataShards`: JSON `[[subjectHash, kind, data], …]`, sorted by
 *    subject key, each entry's data in canonical JSON (lib/registry/canonical.ts), one entry per
 *    line, so a lookup parses only the lines of the hashes it wants (findInDataShard);
 *  - index shard `hash32(key) % indexShards`: the sorted pairs (keyHash, subjectHash) of every
 *    lookup key, `a:` platform + account id, `n:` normalised name (lib/registry/index-shard.ts).
 *
 * Hashes are 32-bit, so a lookup can over-approximate (two keys or subjects sharing a hash);
 * the verdict rules compare real accounts and names, as they do for every candidate.
 * The same pure functions pack a snapshot in the publisher CLI (`registry pack`) and in the
 * extension (a JSON snapshot installed, or a store rebuilt after name normalisation changed).
 */
import { NAME_KEY_VERSION, normalizeName } from '../names/normalize';
import { canonicalJson, sortedKeysOf } from './canonical';
import { encodeIndexShard, INDEX_FORMAT } from './index-shard';
import type { Anchor, BlacklistEntry, Company, PlatformId, Snapshot } from './schema';

export type Subject =
  | { kind: 'company'; data: Company }
  | { kind: 'anchor'; data: Anchor }
  | { kind: 'blacklist'; data: BlacklistEntry };
export type SubjectKind = Subject['kind'];

export interface PackLayout {
  dataShards: number;
  indexShards: number;
  /** NAME_KEY_VERSION the `n:` keys were made with; another version means the index must be rebuilt. */
  nameKeyVersion: number;
  /** INDEX_FORMAT of the index shards; absent in layouts stored before format 2 (format 1). */
  indexFormat?: number;
}

/** Whether a layout's index was made as this version makes it (name keys, encoding); else it is rebuilt from the data. */
export const indexIsCurrent = (layout: PackLayout): boolean => layout.nameKeyVersion === NAME_KEY_VERSION && (layout.indexFormat ?? 1) === INDEX_FORMAT;

/** Uncompressed shards, in layout order, and every blacklisted name (for resemblance matching). */
export interface PackedShards {
  layout: PackLayout;
  data: Uint8Array[];
  index: Uint8Array[];
  names: Uint8Array;
}

/** Aim for this many bytes of JSON per data shard and of pairs per index shard (~6 bytes a pair). */
const DATA_SHARD_BYTES = 16 * 1024;
const INDEX_SHARD_BYTES = 8 * 1024;
const INDEX_PAIR_BYTES = 6;
export const MAX_SHARDS = 1 << 16;

const KIND_CODE = { company: 'c', anchor: 'a', blacklist: 'b' } as const;
const KIND_OF_CODE: Record<string, SubjectKind> = { c: 'company', a: 'anchor', b: 'blacklist' };

/** FNV-1a over UTF-16 code units: stable on every engine, fast, spreads well enough. */
export function hash32(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const subjectKey = (kind: SubjectKind, id: string) => `${kind}:${id}`;
export const accountLookupKey = (platform: PlatformId, accountId: string) => `a:${platform}\u0000${accountId}`;
export const nameLookupKey = (normalized: string) => `n:${normalized}`;

/** Every key a subject is found by: its accounts and its normalised names. */
export function lookupKeysOf(subject: Subject): string[] {
  const { kind, data } = subject;
  const names = kind === 'blacklist' ? [...data.names, ...data.aliases] : [data.name, ...data.aliases];
  const keys = new Set<string>();
  for (const a of data.accounts) keys.add(accountLookupKey(a.platform, a.accountId));
  for (const n of names) {
    const k = normalizeName(n);
    if (k) keys.add(nameLookupKey(k));
  }
  return [...keys];
}

export function* subjectsOf(snapshot: Pick<Snapshot, 'companies' | 'anchors' | 'blacklist'>): Generator<Subject> {
  for (const data of snapshot.companies) yield { kind: 'company', data };
  for (const data of snapshot.anchors) yield { kind: 'anchor', data };
  for (const data of snapshot.blacklist) yield { kind: 'blacklist', data };
}

const utf8 = new TextEncoder();
const clamp = (n: number) => Math.min(MAX_SHARDS, Math.max(1, Math.ceil(n)));

/** Packs subjects into shards; the layout follows from their size. */
export function packSubjects(subjects: readonly Subject[]): PackedShards {
  const keys = sortedKeysOf(subjects.map((s) => s.data));
  const entries = subjects
    .map((s) => {
      const key = subjectKey(s.kind, s.data.id);
      return { key, hash: hash32(key), json: `[${hash32(key)},"${KIND_CODE[s.kind]}",${canonicalJson(s.data, keys)}]`, lookup: lookupKeysOf(s) };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const jsonBytes = entries.reduce((n, e) => n + e.json.length + 1, 0);
  const pairs = entries.reduce((n, e) => n + e.lookup.length, 0);
  const dataShards = clamp(jsonBytes / DATA_SHARD_BYTES);
  const indexShards = clamp((pairs * INDEX_PAIR_BYTES) / INDEX_SHARD_BYTES);

  const dataLists: string[][] = Array.from({ length: dataShards }, () => []);
  const indexLists: number[][] = Array.from({ length: indexShards }, () => []);
  for (const e of entries) {
    dataLists[e.hash % dataShards]!.push(e.json);
    for (const k of e.lookup) {
      const h = hash32(k);
      indexLists[h % indexShards]!.push(h, e.hash);
    }
  }
  return {
    layout: { dataShards, indexShards, nameKeyVersion: NAME_KEY_VERSION, indexFormat: INDEX_FORMAT },
    data: dataLists.map((list) => utf8.encode(list.length ? `[\n${list.join(',\n')}\n]` : '[]')),
    index: indexLists.map((list, number) => encodeIndexShard(list, { number, shards: indexShards })),
    names: utf8.encode(JSON.stringify(blacklistNames(subjects))),
  };
}

/** `[id, name]` of every blacklisted name and alias, in subject order: what resemblance matching searches. */
export function blacklistNames(subjects: readonly Subject[]): [string, string][] {
  return subjects.flatMap((s) => (s.kind === 'blacklist' ? [...s.data.names, ...s.data.aliases].map((name): [string, string] => [s.data.id, name]) : []));
}

/** An (uncompressed) names section; anything that is not an `[id, name]` pair is left out. */
export function decodeNames(section: Uint8Array): { id: string; name: string }[] {
  const parsed: unknown = JSON.parse(utf8Decoder.decode(section));
  if (!Array.isArray(parsed)) throw new Error('a names section is not a list');
  return parsed.flatMap((pair: unknown) =>
    Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string' ? [{ id: pair[0], name: pair[1] }] : [],
  );
}

export interface DataShardEntry {
  hash: number;
  kind: SubjectKind;
  data: unknown;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** An (uncompressed) data shard's entries; the data is checked by the caller before use. */
export function decodeDataShard(shard: Uint8Array): DataShardEntry[] {
  return entriesIn(utf8Decoder.decode(shard));
}

function entriesIn(json: string): DataShardEntry[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error('a data shard is not a list');
  return parsed.flatMap((entry: unknown) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'number' || !KIND_OF_CODE[entry[1] as string]) return [];
    return [{ hash: entry[0], kind: KIND_OF_CODE[entry[1] as string]!, data: entry[2] as unknown }];
  });
}

/**
 * The entries of an (uncompressed) data shard with these hashes, decoding and parsing only their
 * lines: a raw line break never occurs inside canonical JSON (nor inside a multi-byte UTF-8
 * character), so each one starts an entry `[<hash>,…`. A shard packed on one line is parsed whole.
 */
export function findInDataShard(shard: Uint8Array, hashes: ReadonlySet<number>): DataShardEntry[] {
  if (shard.byteLength === 0) return [];
  if (shard[0] !== OPEN || shard[1] !== LINE_BREAK) return entriesIn(utf8Decoder.decode(shard)).filter((entry) => hashes.has(entry.hash));
  const lines: string[] = [];
  for (let at = 1; at >= 0; ) {
    const next = shard.indexOf(LINE_BREAK, at + 1);
    const end = next < 0 ? shard.length : next;
    let i = at + 2;
    let hash = 0;
    while (shard[i]! >= DIGIT_0 && shard[i]! <= DIGIT_9) hash = hash * 10 + shard[i++]! - DIGIT_0;
    if (shard[at + 1] === OPEN && shard[i] === COMMA && hashes.has(hash)) {
      lines.push(utf8Decoder.decode(shard.subarray(at + 1, shard[end - 1] === COMMA ? end - 1 : end)));
    }
    at = next;
  }
  return lines.length ? entriesIn(`[${lines.join(',')}]`) : [];
}

const [LINE_BREAK, OPEN, COMMA, DIGIT_0, DIGIT_9] = [0x0a, 0x5b, 0x2c, 0x30, 0x39];
