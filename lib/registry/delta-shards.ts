/**
 * A delta applied to the stored registry where it lies, shard by shard, instead of decoding the
 * whole registry into a snapshot, applying, hashing and packing it all again (~1 minute at
 * national scale in a service worker).
 *
 * The trust rules are applyDelta's (lib/registry/delta.ts), unchanged: same registry, exact
 * base version, newer version, the snapshot-wide schema rules, and the SHA-256 of the whole
 * result's canonical text equal to the signed `resultSha256`. What changes is how that text is
 * made: every stored entry already is canonical JSON (lib/registry/pack.ts), so the text is
 * assembled from the stored bytes, cut out of each data shard by a small scanner, without
 * parsing or serialising an entry. Only the shards a change lands in are rewritten (data shard
 * `hash32(kind:id) % dataShards`, the index shards of the lookup keys that came or went), in one
 * transaction; the layout stays the base's (lookups do not depend on shard counts).
 */
import { gzipSync } from 'fflate';
import { concatBytes } from '../encoding/bytes';
import { gunzip } from '../encoding/gzip';
import { canonicalJson, sha256Hex } from './canonical';
import { checkDeltaBase, checkResultRules, deltaResultHeader, hashMismatch, type DeltaPayload } from './delta';
import type { DirectWrite } from './install';
import { encodeIndexShard, indexPairs, type IndexShardPlace } from './index-shard';
import { blacklistNames, decodeNames, hash32, lookupKeysOf, subjectKey, type Subject, type SubjectKind } from './pack';
import type { Company } from './schema';
import type { ShardChanges, StoredShards } from './store';
import { SnapshotRejected } from './verify';

/** One entry of a data shard, `[hash,"k",{…}]`, as views into the shard's bytes. */
export interface StoredEntry {
  kind: SubjectKind;
  id: string;
  /** The whole entry. */
  entry: Uint8Array;
  /** Its data, `{…}`: canonical JSON. */
  data: Uint8Array;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const KIND_OF_CODE: Record<number, SubjectKind> = { 0x63: 'company', 0x61: 'anchor', 0x62: 'blacklist' };
const KIND_CODE: Record<SubjectKind, string> = { company: 'c', anchor: 'a', blacklist: 'b' };
const LIST_KIND = { companies: 'company', anchors: 'anchor', blacklist: 'blacklist' } as const;
const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();
const ID_KEY = utf8.encode('"id":"');
const SEPARATOR = utf8.encode(',');
const LINE_SEPARATOR = utf8.encode(',\n');

/** Index of the quote closing the string that opens at `at` (one not escaped by an odd run of backslashes). */
function stringEnd(bytes: Uint8Array, at: number): number {
  let end = at;
  for (;;) {
    end = bytes.indexOf(QUOTE, end + 1);
    if (end < 0) throw malformed();
    let slashes = 0;
    while (bytes[end - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return end;
  }
}

/**
 * Rewritten shards are compressed at level 1: a third less time than the store's level 6 in the
 * worker (seconds for the ~1,800 shards a 1 % delta touches at national scale), ~5 % more
 * bytes; nothing hashes the stored gzip bytes.
 */
const gzip = (bytes: Uint8Array) => gzipSync(bytes, { level: 1, mtime: 0 });

const malformed = () => new Error('a stored data shard is not a list of [hash, kind, data] entries');

function isIdKey(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < ID_KEY.length; i++) if (bytes[at + i] !== ID_KEY[i]) return false;
  return true;
}

/**
 * The entries of an (uncompressed) data shard, cut out of its bytes: depth 1 is the shard's
 * list, 2 an entry, 3 the entry's data object, whose `"id"` key gives the id. UTF-8 bytes of
 * non-ASCII characters are all ≥ 0x80, so scanning bytes for ASCII delimiters is safe.
 */
export function splitDataShard(bytes: Uint8Array): StoredEntry[] {
  const out: StoredEntry[] = [];
  let depth = 0;
  let start = 0;
  let dataStart = 0;
  let dataEnd = 0;
  let id: string | undefined;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === QUOTE) {
      // A string directly in the data object followed by `:"` is a key; "id" is the entry's.
      if (depth === 3 && id === undefined && isIdKey(bytes, i)) {
        const close = stringEnd(bytes, i + ID_KEY.length - 1);
        id = utf8Decoder.decode(bytes.subarray(i + ID_KEY.length, close));
        i = close;
      } else {
        i = stringEnd(bytes, i);
      }
    } else if (b === 0x5b || b === 0x7b) {
      depth++;
      if (depth === 2) {
        start = i;
        id = undefined;
      } else if (depth === 3) dataStart = i;
    } else if (b === 0x5d || b === 0x7d) {
      if (depth === 3) dataEnd = i + 1;
      else if (depth === 2) out.push(entryAt(bytes, start, i + 1, dataStart, dataEnd, id));
      depth--;
    }
  }
  if (depth !== 0) throw malformed();
  return out;
}

function entryAt(bytes: Uint8Array, start: number, end: number, dataStart: number, dataEnd: number, id: string | undefined): StoredEntry {
  // `[` digits `,"` kind `",` data `]`
  const comma = bytes.indexOf(COMMA, start);
  const kind = KIND_OF_CODE[bytes[comma + 2]!];
  if (!kind || id === undefined || bytes[comma + 1] !== QUOTE || bytes[comma + 3] !== QUOTE || dataStart !== comma + 5 || dataEnd !== end - 1) throw malformed();
  return { kind, id, entry: bytes.subarray(start, end), data: bytes.subarray(dataStart, dataEnd) };
}

/** A new entry as the store keeps it (pack.ts packSubjects). */
function entryOf(subject: Subject): StoredEntry {
  const key = subjectKey(subject.kind, subject.data.id);
  const prefix = `[${hash32(key)},"${KIND_CODE[subject.kind]}",`;
  const entry = utf8.encode(`${prefix}${canonicalJson(subject.data)}]`);
  return { kind: subject.kind, id: subject.data.id, entry, data: entry.subarray(utf8.encode(prefix).length, entry.length - 1) };
}

const keyOf = (e: StoredEntry) => subjectKey(e.kind, e.id);
const byId = (a: StoredEntry, b: StoredEntry) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Parts (bytes, or text as UTF-8) in one buffer: a national registry's text is ~150 MB, so it is copied once. */
const joined = (parts: readonly (Uint8Array | string)[]): Uint8Array => concatBytes(parts.map((p) => (typeof p === 'string' ? utf8.encode(p) : p)));

/** `open`, the parts separated by `separator`, `close`. */
function list(parts: readonly Uint8Array[], open: string, close: string, separator = SEPARATOR): (Uint8Array | string)[] {
  return [open, ...parts.flatMap((p, i) => (i === 0 ? [p] : [separator, p])), close];
}

/** A data shard as pack.ts writes it: one entry per line, which lookups rely on (findInDataShard). */
const dataShard = (entries: readonly Uint8Array[]) => (entries.length ? joined(list(entries, '[\n', '\n]', LINE_SEPARATOR)) : utf8.encode('[]'));

const LISTS_FIRST = '{"anchors":[],"blacklist":[],"companies":[]';

/**
 * canonicalSnapshotJson (lib/registry/canonical.ts) of the result, as UTF-8, from the entries'
 * canonical bytes: the three lists are the first keys of the canonical text, so it is the
 * lists in id order followed by the rest of the canonical header.
 */
export function canonicalResultBytes(header: object, lists: Record<SubjectKind, StoredEntry[]>): Uint8Array {
  const headerText = canonicalJson({ ...header, anchors: [], blacklist: [], companies: [] });
  if (!headerText.startsWith(LISTS_FIRST)) throw new Error('the canonical header does not start with the three lists');
  const data = (kind: SubjectKind) => lists[kind].map((e) => e.data);
  return joined([
    ...list(data('anchor'), '{"anchors":[', ']'),
    ...list(data('blacklist'), ',"blacklist":[', ']'),
    ...list(data('company'), ',"companies":[', ']'),
    headerText.slice(LISTS_FIRST.length),
  ]);
}

/**
 * An index shard with `net` applied: pairs (`keyHash:subjectHash`) to add (+n) or drop (−n),
 * kept sorted as pack.ts writes them.
 */
function reindexShard(shard: Uint8Array, net: Map<string, number>, place: IndexShardPlace): Uint8Array {
  const drop = new Map([...net].filter(([, n]) => n < 0).map(([pair, n]) => [pair, -n]));
  const dropKeys = new Set([...drop.keys()].map((pair) => Number(pair.split(':')[0])));
  const flat = indexPairs(shard, place);
  const kept: number[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const [key, subject] = [flat[i]!, flat[i + 1]!];
    const name = dropKeys.has(key) ? `${key}:${subject}` : undefined;
    const left = name === undefined ? 0 : (drop.get(name) ?? 0);
    if (left > 0) drop.set(name!, left - 1);
    else kept.push(key, subject);
  }
  for (const [name, n] of net) {
    const [key, subject] = name.split(':').map(Number) as [number, number];
    for (let i = 0; i < n; i++) kept.push(key, subject);
  }
  return encodeIndexShard(kept, place);
}

const parseData = (e: StoredEntry) => ({ kind: e.kind, data: JSON.parse(utf8Decoder.decode(e.data)) }) as Subject;

/** Milliseconds per step of applyDeltaToShards, for the benchmark. */
export type DeltaTimings = Record<string, number>;

/**
 * applyDelta on the stored shards: the same checks and refusals (SnapshotRejected), and when
 * they pass, the change to write, in place, in one transaction (`writeTo`).
 */
export async function applyDeltaToShards(base: StoredShards, delta: DeltaPayload, timings?: DeltaTimings): Promise<DirectWrite> {
  let lapStart = performance.now();
  const lap = (step: string) => {
    const now = performance.now();
    if (timings) timings[step] = (timings[step] ?? 0) + now - lapStart;
    lapStart = now;
  };
  checkDeltaBase(delta, { registryId: base.header.info.id, version: base.header.version });
  const header = deltaResultHeader(delta, { registry: base.header.info, gradeScale: base.header.gradeScale });
  const { dataShards, indexShards } = base.layout;
  const shardOf = (key: string) => hash32(key) % dataShards;
  /** Changed subject keys: the new subject, or undefined for a removal. */
  const changed = new Map<string, Subject | undefined>();
  /** New entries by data shard. */
  const upserts = new Map<number, { key: string; entry: StoredEntry }[]>();
  for (const list of ['companies', 'anchors', 'blacklist'] as const) {
    const kind = LIST_KIND[list];
    for (const id of delta.changes[list].remove) changed.set(subjectKey(kind, id), undefined);
    for (const data of delta.changes[list].upsert) {
      const subject = { kind, data } as Subject;
      const key = subjectKey(kind, data.id);
      changed.set(key, subject);
      const shard = upserts.get(shardOf(key)) ?? [];
      shard.push({ key, entry: entryOf(subject) });
      upserts.set(shardOf(key), shard);
    }
  }
  const touched = new Set([...changed.keys()].map(shardOf));
  lap('changes');

  const raw = base.data.map(gunzip);
  lap('gunzip');
  let shards: StoredEntry[][];
  try {
    shards = raw.map(splitDataShard);
  } catch (e) {
    // Not canonical entries (a store written by something else): the full snapshot replaces it.
    throw new SnapshotRejected('hash-mismatch', `the stored registry cannot take a delta: ${(e as Error).message}`);
  }
  lap('split');
  const lists: Record<SubjectKind, StoredEntry[]> = { company: [], anchor: [], blacklist: [] };
  /** Entries of the touched shards that stay, and those the delta replaces or removes. */
  const kept = new Map<number, { key: string; entry: StoredEntry }[]>();
  const before = new Map<string, StoredEntry>();
  shards.forEach((entries, n) => {
    if (!touched.has(n)) {
      for (const e of entries) lists[e.kind].push(e);
      return;
    }
    const stay: { key: string; entry: StoredEntry }[] = [];
    for (const e of entries) {
      const key = keyOf(e);
      if (changed.has(key)) before.set(key, e);
      else stay.push({ key, entry: e });
    }
    kept.set(n, stay);
  });
  for (const entry of [...kept.values(), ...upserts.values()].flat().map((k) => k.entry)) lists[entry.kind].push(entry);
  for (const list of Object.values(lists)) list.sort(byId);
  lap('sort');

  const companies = delta.changes.gradeScale ? lists.company.map((e) => parseData(e).data as Company) : delta.changes.companies.upsert;
  checkResultRules(header, companies);
  lap('schema');
  const text = canonicalResultBytes(header, lists);
  lap('text');
  const hash = await sha256Hex(text);
  lap('sha256');
  if (hash !== delta.resultSha256) throw hashMismatch(hash, delta);

  const data = new Map<number, Uint8Array>();
  for (const n of touched) {
    const entries = [...(kept.get(n) ?? []), ...(upserts.get(n) ?? [])].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    data.set(n, gzip(dataShard(entries.map((e) => e.entry.entry))));
  }
  lap('data shards');

  // Index pairs that come and go; a subject whose keys stay the same touches no index shard.
  const net = new Map<number, Map<string, number>>();
  const count = (subject: Subject, by: number) => {
    const subjectHash = hash32(subjectKey(subject.kind, subject.data.id));
    for (const key of lookupKeysOf(subject)) {
      const keyHash = hash32(key);
      const shard = net.get(keyHash % indexShards) ?? new Map<string, number>();
      const pair = `${keyHash}:${subjectHash}`;
      shard.set(pair, (shard.get(pair) ?? 0) + by);
      net.set(keyHash % indexShards, shard);
    }
  };
  const parsedBefore = new Map([...before].map(([key, e]) => [key, parseData(e)]));
  for (const [key, subject] of changed) {
    const old = parsedBefore.get(key);
    if (old) count(old, -1);
    if (subject) count(subject, +1);
  }
  const index = new Map<number, (shard: Uint8Array) => Uint8Array>();
  for (const [n, pairs] of net) {
    const moves = new Map([...pairs].filter(([, by]) => by !== 0));
    if (moves.size > 0) index.set(n, (shard) => reindexShard(shard, moves, { number: n, shards: indexShards }));
  }
  lap('index');

  const changes: ShardChanges = { header, data, index };
  // The blacklisted names, for resemblance matching, when an entry's names came, went or changed.
  const nameList = (s: Subject | undefined) => (s?.kind === 'blacklist' ? JSON.stringify([s.data.names, s.data.aliases]) : undefined);
  const renamed = [...changed].filter(([key, s]) => key.startsWith('blacklist:') && nameList(s) !== nameList(parsedBefore.get(key)));
  if (renamed.length > 0) {
    const ids = new Set(renamed.map(([key]) => key.slice('blacklist:'.length)));
    const stay = decodeNames(gunzip(base.names)).flatMap(({ id, name }): [string, string][] => (ids.has(id) ? [] : [[id, name]]));
    const added = blacklistNames(renamed.flatMap(([, s]) => (s ? [s] : [])));
    // In id order, as a snapshot made by applyDelta would list them (already nearly so: a quick sort).
    const names = [...stay, ...added].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    changes.names = gzip(utf8.encode(JSON.stringify(names)));
  }
  lap('names');
  return {
    writeTo: async (target) => {
      const written = await base.write(changes, target);
      if (!written) throw new SnapshotRejected('wrong-base', 'the stored registry changed while the delta was applied');
      return written;
    },
  };
}
