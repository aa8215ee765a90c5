import { describe, expect, it } from 'vitest';
import { decodeDataShard, findInDataShard, hash32, packSubjects, subjectKey, subjectsOf, type Subject } from '../../lib/registry/pack';
import { makeSnapshot, parseSnapshot } from '../support/snapshot';

const utf8 = new TextEncoder();

/** The demo snapshot with names that hold what a line-based reader must not trip on. */
function trickySubjects(): Subject[] {
  const snapshot = parseSnapshot(makeSnapshot());
  const first = snapshot.companies[0]!;
  first.name = 'Line\nbreak ],\n[123,"c",{} inside';
  snapshot.blacklist[0]!.aliases = [`\n[${hash32(subjectKey('company', first.id))},"c",{"id":"fake"}]`];
  return [...subjectsOf(snapshot)];
}

describe('data shards', () => {
  it('finds every subject by its hash, reading only its line, whatever its strings hold', () => {
    const subjects = trickySubjects();
    const packed = packSubjects(subjects);
    for (const subject of subjects) {
      const hash = hash32(subjectKey(subject.kind, subject.data.id));
      const found = findInDataShard(packed.data[hash % packed.layout.dataShards]!, new Set([hash]));
      expect(found).toEqual([{ hash, kind: subject.kind, data: JSON.parse(JSON.stringify(subject.data)) }]);
    }
    // Whole-shard decoding reads the same shards.
    const all = packed.data.flatMap(decodeDataShard);
    expect(all).toHaveLength(subjects.length);
  });

  it('finds every entry of a hash two subjects share, and nothing for a hash not there', () => {
    const shard = utf8.encode('[\n[7,"c",{"id":"a"}],\n[9,"a",{"id":"b"}],\n[7,"b",{"id":"c"}]\n]');
    expect(findInDataShard(shard, new Set([7])).map((e) => e.data)).toEqual([{ id: 'a' }, { id: 'c' }]);
    expect(findInDataShard(shard, new Set([9, 7])).map((e) => e.kind).sort()).toEqual(['anchor', 'blacklist', 'company']);
    expect(findInDataShard(shard, new Set([8]))).toEqual([]);
    expect(findInDataShard(new Uint8Array(), new Set([7]))).toEqual([]);
  });

  it('reads a shard packed on one line (packs made before line breaks) by parsing it whole', () => {
    const shard = utf8.encode('[[7,"c",{"id":"a"}],[9,"a",{"id":"b"}]]');
    expect(findInDataShard(shard, new Set([9]))).toEqual([{ hash: 9, kind: 'anchor', data: { id: 'b' } }]);
  });
});
