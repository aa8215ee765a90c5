/**
 * Typed sending side of lib/messages.ts. Imports types only, so content scripts that use it
 * carry no zod: validation happens where messages arrive (the background).
 */
import { browser } from 'wxt/browser';
import type { Reply, RequestMessage, RequestType, Responses } from '../messages';

export class MessageError extends Error {
  override name = 'MessageError';
}

export async function send<T extends RequestType>(request: Extract<RequestMessage, { type: T }>): Promise<Responses[T]> {
  const reply = (await browser.runtime.sendMessage(request)) as Reply<Responses[T]> | undefined;
  if (!reply) throw new MessageError(`no reply to ${request.type}`);
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value;
}
