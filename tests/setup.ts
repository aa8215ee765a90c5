import 'fake-indexeddb/auto';
import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  fakeBrowser.reset();
});

// @testing-library cleans up by itself only with vitest globals, which this project does not use.
afterEach(async () => {
  if (typeof document !== 'undefined') (await import('@testing-library/preact')).cleanup();
});
