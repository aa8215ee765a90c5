/**
 * Defensive readers for page data. Content scripts carry no zod (size), so adapters read
 * embedded JSON through these: every value is checked for type and length, nothing throws.
 */
import type { PageIdentityInput, ProductSeen } from '../identity';

const MAX_JSON_CHARS = 4 * 1024 * 1024;
/** Pages with more inline scripts than this are not searched further. */
const MAX_SCRIPTS = 1000;
/** PageIdentity's own limits: more would fail the message schema. */
const MAX_ROOM_IDS = 10;
const MAX_ACCOUNTS = 20;
const MAX_PRODUCTS = 100;

export type Json = unknown;

/** Parses JSON that came from a page; null on anything malformed or oversized. */
export function parsePageJson(text: string | null | undefined): Json {
  if (!text || text.length > MAX_JSON_CHARS) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function jsonScript(doc: Document, selector: string): Json {
  return parsePageJson(doc.querySelector(selector)?.textContent);
}

/** Own-property walk: `__proto__` and inherited keys from a hostile page are never followed. */
export function at(value: Json, ...path: (string | number)[]): Json {
  let cur: unknown = value;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** A trimmed, bounded string, or undefined; numbers become strings (ids are often numeric). */
export function text(value: Json, max = 200): string | undefined {
  const s = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof s !== 'string') return undefined;
  const trimmed = s.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

export function list(value: Json, max = 100): Json[] {
  return Array.isArray(value) ? value.slice(0, max) : [];
}

export function attr(doc: Document, selector: string, name: string, max = 200): string | undefined {
  return text(doc.querySelector(selector)?.getAttribute(name), max);
}

export function domText(doc: Document, selector: string, max = 200): string | undefined {
  return text(doc.querySelector(selector)?.textContent, max);
}

export function meta(doc: Document, property: string, max = 500): string | undefined {
  return attr(doc, `meta[property="${property}"], meta[name="${property}"]`, 'content', max);
}

export function defined<T>(values: (T | undefined)[]): T[] {
  return values.filter((v): v is T => v !== undefined);
}

/** Distinct defined values, first occurrence first. */
export function distinct<T>(values: (T | undefined)[]): T[] {
  return [...new Set(defined(values))];
}

/** The first capture of the first pattern matching `origin + pathname` (so hosts match exactly). */
export function urlMatch(url: URL, patterns: RegExp[]): string | undefined {
  const address = url.origin + url.pathname;
  for (const pattern of patterns) {
    const id = pattern.exec(address)?.[1];
    if (id) return id;
  }
  return undefined;
}

/** The text of inline scripts that contain `marker`, in document order. */
export function inlineScripts(doc: Document, marker: string): string[] {
  return Array.from(doc.scripts)
    .slice(0, MAX_SCRIPTS)
    .flatMap((script) => {
      const source = script.textContent ?? '';
      return source.includes(marker) ? [source] : [];
    });
}

const ASSIGNMENT = /\s*=\s*/y;
const BARE_UNDEFINED = 'undefined';

/**
 * The object literal a page script assigns to `target` (`window.__INITIAL_STATE__={…};more code`),
 * parsed as JSON. The text is cut at the brace that closes the object, so trailing code does not
 * matter, and JS's bare `undefined` (which JSON lacks) reads as null; strings stay untouched.
 */
export function assignedObject(doc: Document, target: string): Json {
  for (const source of inlineScripts(doc, target)) {
    ASSIGNMENT.lastIndex = source.indexOf(target) + target.length;
    if (!ASSIGNMENT.test(source)) continue;
    const parsed = parsePageJson(objectLiteralAt(source, ASSIGNMENT.lastIndex));
    if (parsed !== null) return parsed;
  }
  return null;
}

/** Scans for the matching close brace without recursion, so deep nesting costs no stack. */
function objectLiteralAt(source: string, start: number): string | undefined {
  if (source[start] !== '{') return undefined;
  const end = Math.min(source.length, start + MAX_JSON_CHARS);
  let depth = 0;
  let inString = false;
  let json = '';
  let copiedTo = start;
  for (let i = start; i < end; i++) {
    const c = source[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (--depth === 0) return json + source.slice(copiedTo, i + 1);
    } else if (c === 'u' && source.startsWith(BARE_UNDEFINED, i)) {
      json += source.slice(copiedTo, i) + 'null';
      i += BARE_UNDEFINED.length - 1;
      copiedTo = i + 1;
    }
  }
  return undefined;
}

/** Whether a status field says `expected`; undefined when the page gives no status at all. */
export function statusIs(value: Json, expected: unknown): boolean | undefined {
  return value === undefined || value === null ? undefined : value === expected;
}

/** The first group of `pattern` in the `<title>`, then `og:title` (the weakest source of a name). */
export function titleName(doc: Document, pattern: RegExp): string | undefined {
  for (const title of [text(doc.title, 500), meta(doc, 'og:title')]) {
    const name = text(title && pattern.exec(title)?.[1]);
    if (name) return name;
  }
  return undefined;
}

export interface ProductSelectors {
  /** One element per product; `title` and `price` are looked up inside it. */
  item: string;
  title: string;
  price?: string;
}

export function domProducts(doc: Document, selectors: ProductSelectors): ProductSeen[] {
  return Array.from(doc.querySelectorAll(selectors.item))
    .slice(0, MAX_PRODUCTS)
    .flatMap((item) => {
      const title = text(item.querySelector(selectors.title)?.textContent, 500);
      const price = selectors.price ? text(item.querySelector(selectors.price)?.textContent, 50) : undefined;
      return title ? [{ title, price }] : [];
    });
}

/** A fingerprint (see PlatformAdapter): the URL and the text of the element naming the anchor. */
export function fingerprintBy(selector: string) {
  return (doc: Document, url: URL): string => `${url.href} ${doc.querySelector(selector)?.textContent?.slice(0, 200) ?? ''}`;
}

/** What one source on the page says about the room; facts it does not know stay undefined. */
export interface RoomFacts {
  live?: boolean;
  roomIds?: (string | undefined)[];
  anchorIds?: (string | undefined)[];
  anchorName?: string;
  products?: ProductSeen[];
}

/**
 * Combines sources given strongest first: `live` and the name come from the first source that
 * states them, ids and products are pooled. Null when no source recognised a room (no live
 * flag, no anchor name, no anchor id). Not live unless a source says so.
 */
export function identityFrom(platform: string, sources: (RoomFacts | undefined)[]): PageIdentityInput | null {
  const facts = defined(sources);
  const live = facts.find((f) => f.live !== undefined)?.live;
  const anchorName = facts.find((f) => f.anchorName !== undefined)?.anchorName;
  const anchorIds = distinct(facts.flatMap((f) => f.anchorIds ?? []));
  if (live === undefined && anchorName === undefined && anchorIds.length === 0) return null;
  return {
    platform,
    live: live ?? false,
    roomIds: distinct(facts.flatMap((f) => f.roomIds ?? [])).slice(0, MAX_ROOM_IDS),
    accounts: anchorIds.slice(0, MAX_ACCOUNTS).map((accountId) => ({ accountId, role: 'anchor' as const })),
    anchorName,
    products: facts.flatMap((f) => f.products ?? []).slice(0, MAX_PRODUCTS),
  };
}

// --- Added for the YouTube, Taobao, JD, Amazon and Shopee adapters ---

/** The first JSON-LD node of the schema.org `type` (at the top level, in an array or in `@graph`). */
export function jsonLd(doc: Document, type: string): Json {
  const scripts = Array.from(doc.querySelectorAll('script[type="application/ld+json"]')).slice(0, MAX_SCRIPTS);
  for (const script of scripts) {
    const data = parsePageJson(script.textContent);
    const node = [data, ...list(data), ...list(at(data, '@graph'))].find((n) => at(n, '@type') === type);
    if (node !== undefined) return node;
  }
  return undefined;
}

/** `href` resolved against `base`; undefined unless it is a web page's URL (no `javascript:`, `data:`…). */
export function resolvedUrl(href: string | null | undefined, base: URL): URL | undefined {
  if (!href) return undefined;
  try {
    const url = new URL(href, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A link on the page: where it points and the text it shows. */
export function pageLink(doc: Document, selector: string, base: URL): { url?: URL; text?: string } {
  const link = doc.querySelector(selector);
  return { url: resolvedUrl(link?.getAttribute('href'), base), text: text(link?.textContent) };
}

/**
 * Where a site that embeds no room data (its pages fetch it from their own API) shows the room
 * once rendered: the adapters of such sites declare this and read it with `renderedRoom`.
 */
export interface RoomMarkup {
  /** Link to the anchor's page, and the anchor id its URL carries. */
  anchor: AccountLink;
  /** Link to the shop's page, and the shop id its URL carries. */
  shop: AccountLink;
  products: ProductSelectors;
  /** An element present only while the room streams. */
  liveMarker: string;
}

export interface AccountLink {
  link: string;
  id: (url: URL) => string | null | undefined;
}

/** The identity a rendered room shows: everything but the platform and the room ids (from the URL). */
export function renderedRoom(doc: Document, base: URL, markup: RoomMarkup) {
  const seller = (role: 'anchor' | 'shop') => {
    const { link, id } = markup[role];
    const shown = pageLink(doc, link, base);
    const accountId = text(shown.url && id(shown.url));
    return { accounts: accountId ? [{ accountId, role }] : [], name: shown.text };
  };
  const anchor = seller('anchor');
  const shop = seller('shop');
  return {
    live: doc.querySelector(markup.liveMarker) !== null,
    accounts: [...anchor.accounts, ...shop.accounts],
    anchorName: anchor.name,
    shopName: shop.name,
    products: domProducts(doc, markup.products),
  };
}
