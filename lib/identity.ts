/** Who sells on a page, as a platform adapter reads it. Everything here came from a web page: untrusted. */
import { z } from 'zod';
import { PlatformId } from './registry/schema';

const pageText = (max: number) => z.string().max(max);

export const ProductSeen = z.object({
  title: pageText(500),
  /** As the page shows it, e.g. "¥59.90"; never parsed into money. */
  price: pageText(50).optional(),
});
export type ProductSeen = z.infer<typeof ProductSeen>;

export const AccountSeen = z.object({
  accountId: pageText(200).min(1),
  role: z.enum(['anchor', 'shop']),
});
export type AccountSeen = z.infer<typeof AccountSeen>;

export const PageIdentity = z.object({
  platform: PlatformId,
  /** False for an ended or not-yet-started room: no overlay then. */
  live: z.boolean(),
  /** Every id the site gives the room (e.g. Douyin web_rid and room_id). */
  roomIds: z.array(pageText(200)).max(10).default([]),
  /** Every account id the page shows for the anchor and the shop, on this platform. */
  accounts: z.array(AccountSeen).max(20).default([]),
  anchorName: pageText(200).optional(),
  shopName: pageText(200).optional(),
  companyName: pageText(200).optional(),
  products: z.array(ProductSeen).max(100).default([]),
});
export type PageIdentity = z.infer<typeof PageIdentity>;
export type PageIdentityInput = z.input<typeof PageIdentity>;
