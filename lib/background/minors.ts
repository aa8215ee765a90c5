/** What parent mode adds to a room's verdict; nothing while it is off. */
import type { PageIdentity } from '../identity';
import { restrictedProducts, type MinorsNotice } from '../minors/restricted-products';
import type { ParentMode } from './parent-mode';
import type { LiveSealService } from './service';

export async function minorsNoticeFor(service: LiveSealService, parentMode: ParentMode, identity: PageIdentity): Promise<MinorsNotice | undefined> {
  const status = await parentMode.status();
  if (!status.enabled) return undefined;
  // Every trusted registry may extend the built-in categories.
  const headers = await Promise.all((await service.allRegistries()).map((r) => r.store.header()));
  const registryCategories = headers.flatMap((h) => h?.info.restrictedCategories ?? []);
  return {
    products: restrictedProducts(identity.products, registryCategories),
    guard: { purchases: status.settings.guardPurchases, gifts: status.settings.guardGifts },
  };
}
