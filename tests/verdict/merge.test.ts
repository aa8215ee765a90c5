import { describe, expect, it } from 'vitest';
import { strictest } from '../../lib/verdict/merge';
import type { Verdict } from '../../lib/verdict/types';

const verdict = (status: Verdict['status'], registryId: string): Verdict => ({
  status,
  reasons: [],
  registry: { id: registryId, name: { zh: registryId, en: registryId }, version: 1, issuedAt: '', expiresAt: '', demo: false, stale: false },
});

describe('strictest', () => {
  it('lets a warning from any registry beat a mark from another', () => {
    expect(strictest([verdict('certified', 'body'), verdict('blacklisted', 'platform')]).registry?.id).toBe('platform');
    expect(strictest([verdict('possible-blacklist', 'body'), verdict('certified', 'platform')]).status).toBe('possible-blacklist');
  });

  it('prefers a registry that knows something over one that does not', () => {
    expect(strictest([verdict('no-registry', 'platform'), verdict('not-listed', 'body')]).registry?.id).toBe('body');
    expect(strictest([verdict('not-listed', 'platform'), verdict('certified', 'body')]).status).toBe('certified');
  });

  it('keeps the first (primary) registry on a tie', () => {
    expect(strictest([verdict('expired', 'body'), verdict('expired', 'platform')]).registry?.id).toBe('body');
  });

  it('refuses an empty list', () => {
    expect(() => strictest([])).toThrow();
  });
});
