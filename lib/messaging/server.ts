/** Receiving side: validate shape and sender, dispatch to a typed handler, always reply. */
import type { Browser } from 'wxt/browser';
import { CONTENT_SCRIPT_REQUESTS, Request, type Reply, type RequestType, type Responses } from '../messages';

type Sender = Browser.runtime.MessageSender;

export type Handlers = {
  [T in RequestType]: (request: Extract<Request, { type: T }>, sender: Sender) => Promise<Responses[T]>;
};

/**
 * Content-script requests must come from a tab of this extension; the rest only from this
 * extension's own pages, so a web page (or another extension) can never ask for them.
 */
function senderAllowed(type: RequestType, sender: Sender, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId) return false;
  if (CONTENT_SCRIPT_REQUESTS.has(type)) return sender.tab?.id !== undefined;
  return typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

export async function dispatch(
  raw: unknown,
  sender: Sender,
  handlers: Handlers,
  extension: { id: string; origin: string },
): Promise<Reply<unknown>> {
  const parsed = Request.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `malformed message: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}` };
  }
  const request = parsed.data;
  if (!senderAllowed(request.type, sender, extension.id, extension.origin)) {
    return { ok: false, error: `${request.type} is not accepted from this sender` };
  }
  try {
    const handler = handlers[request.type] as (r: Request, s: Sender) => Promise<unknown>;
    return { ok: true, value: await handler(request, sender) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
