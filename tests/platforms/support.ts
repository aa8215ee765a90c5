/**
 * How adapter tests read: each adapter's test file lists its fixture pages with the URL they
 * were "served" from and the identity expected (yt-dlp's _TESTS), and gets the shared checks.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { PageIdentity, type PageIdentityInput } from '../../lib/identity';
import type { PlatformAdapter } from '../../lib/platforms/types';

/** A fixture page under tests/fixtures/, parsed as the browser would (scripts do not run). */
export function loadFixture(path: string): Document {
  return parseHtml(readFileSync(resolve('tests/fixtures', path), 'utf8'));
}

export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

export interface AdapterCase {
  /** Path under tests/fixtures/. */
  fixture: string;
  url: string;
  /** The identity expected, exactly (after PageIdentity defaults); null = no room recognised. */
  expected: PageIdentityInput | null;
}

/** Extraction must never throw, and whatever it returns must pass the message schema. */
export function extractChecked(adapter: PlatformAdapter, doc: Document, url: string) {
  let result: ReturnType<PlatformAdapter['extract']> = null;
  expect(() => {
    result = adapter.extract(doc, new URL(url));
  }).not.toThrow();
  return result === null ? null : PageIdentity.parse(result);
}

export function itExtracts(adapter: PlatformAdapter, cases: AdapterCase[]): void {
  it.each(cases)('$fixture', ({ fixture, url, expected }) => {
    const identity = extractChecked(adapter, loadFixture(fixture), url);
    expect(identity).toEqual(expected === null ? null : PageIdentity.parse(expected));
  });
}
