// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { MinorsNotice } from '../../lib/minors/restricted-products';
import { guardReason } from '../../lib/page/purchase-guard';
import demo from '../../lib/platforms/demo';

const controls = demo.purchase!;
const wine = { title: '干红葡萄酒 750ml', categories: [{ id: 'alcohol', label: { zh: '酒类', en: 'Alcohol' } }] };
const notice = (guard = { purchases: true, gifts: true }, products = [wine]): MinorsNotice => ({ products, guard });

document.body.innerHTML = `
  <ul>
    <li data-demo="product"><span data-demo="product-title">  干红葡萄酒
      750ml </span><button data-demo="buy"><b>Buy</b></button></li>
    <li data-demo="product"><span data-demo="product-title">坚果礼盒</span><button data-demo="buy">Buy</button></li>
  </ul>
  <button data-demo="buy" id="loose">Buy</button>
  <button data-demo="gift">Gift</button>`;
const [wineBuy, nutsBuy] = [...document.querySelectorAll('[data-demo="product"] [data-demo="buy"]')] as Element[];
const inner = wineBuy!.querySelector('b')!;
const loose = document.getElementById('loose')!;
const gift = document.querySelector('[data-demo="gift"]')!;

describe('guardReason', () => {
  it('stops a buy click on a restricted product (from inside the button too, titles compared without extra spaces)', () => {
    expect(guardReason(inner, controls, notice())).toEqual({ button: wineBuy, reason: { kind: 'purchase', product: wine } });
  });

  it('lets ordinary products through, and everything when parent mode is off or the setting is', () => {
    expect(guardReason(nutsBuy!, controls, notice())).toBeUndefined();
    expect(guardReason(wineBuy!, controls, undefined)).toBeUndefined();
    expect(guardReason(wineBuy!, controls, notice({ purchases: false, gifts: true }))).toBeUndefined();
    expect(guardReason(loose, controls, notice(undefined, []))).toBeUndefined();
  });

  it('stops a buy button it cannot tie to a product when the page has restricted products', () => {
    expect(guardReason(loose, controls, notice())).toEqual({ button: loose, reason: { kind: 'purchase', product: undefined } });
  });

  it('stops gifts and tips when the parent chose so', () => {
    expect(guardReason(gift, controls, notice())).toEqual({ button: gift, reason: { kind: 'gift' } });
    expect(guardReason(gift, controls, notice({ purchases: true, gifts: false }))).toBeUndefined();
  });
});
