/**
 * Defensive readers for page data. Content scripts carry no zod (size), so adapters read
 * embedded JSON through these: every value is checked for type and length, nothing throws.
 */

const MAX_JSON_CHARS = 4 * 1024 * 1024;

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
