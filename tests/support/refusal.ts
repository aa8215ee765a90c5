/** The error a promise must reject with, checked to be of the expected class (SnapshotRejected, FetchRefused…). */
import { expect } from 'vitest';

export async function refusal<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => expect.fail('accepted, expected a refusal'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}
