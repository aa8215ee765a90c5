import { describe, expect, it } from 'vitest';
import { removedRegistries } from '../../lib/background/registries';
import { updateSource, updateStateKey } from '../../lib/background/updates';

const key = { keyid: 'a'.repeat(64), publicKey: btoa(String.fromCharCode(...new Uint8Array(32))) };
const extra = (id: string) => ({ id, source: { snapshotUrl: `https://${id}.example/s.json` }, keys: [key], threshold: 1 });

describe('update sources', () => {
  it('fills {base} and {version}, also when a URL input stored them percent-encoded', () => {
    const source = updateSource({
      snapshotUrl: 'https://r.example/snapshot.json',
      deltaUrl: 'https://r.example/deltas/%7Bbase%7D.json',
      keysetUrl: 'https://r.example/keysets/{version}.json',
    });
    expect(source.deltaUrl?.(41)).toBe('https://r.example/deltas/41.json');
    expect(source.keysetUrl?.(2)).toBe('https://r.example/keysets/2.json');
    expect(updateSource({ snapshotUrl: 'https://r.example/s.json' }).deltaUrl).toBeUndefined();
  });

  it('keeps each registry’s update state under its own key', () => {
    expect(updateStateKey()).toBe('registry.update');
    expect(updateStateKey('platform')).toBe('registry.update.platform');
  });
});

describe('removedRegistries', () => {
  it('names the added registries a settings change dropped, and nothing else', () => {
    const before = { extraRegistries: [extra('a'), extra('b'), extra('c')] };
    expect(removedRegistries(before, { extraRegistries: [extra('b')] })).toEqual(['a', 'c']);
    expect(removedRegistries(before, before)).toEqual([]);
    expect(removedRegistries(undefined, before)).toEqual([]);
    expect(removedRegistries(before, undefined)).toEqual(['a', 'b', 'c']);
  });
});
