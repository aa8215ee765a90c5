// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { Overlay } from '../../components/Overlay';
import { PossibleMatches } from '../../components/PossibleMatches';
import { dataFromHash, reportPageUrl, type ReportPageData } from '../../lib/details-url';
import type { ResemblanceReason, Verdict } from '../../lib/verdict/types';

const DISGUISED = '✨【官方】煙姐Lі1y説美妝好物✨';
const match: ResemblanceReason = {
  code: 'resembles-blacklisted',
  entryId: 'b5',
  kind: 'anchor',
  listedName: '烟姐Lily说美妆',
  pageName: DISGUISED,
  pageRole: 'anchor',
  pageAccountId: 'anchor-new',
  score: 0.91,
  confidence: 'close',
  reasons: [{ zh: '夸大功效', en: 'exaggerated claims' }],
  measures: ['cancel-account'],
  authority: 'Demo Association',
  listedOn: '2026-03-15',
  sources: [{ platform: 'douyin', accountId: 'dy-yanjie' }],
};
const warning: Verdict = { status: 'possible-blacklist', reasons: [match] };
const dismissedVerdict: Verdict = { status: 'not-listed', reasons: [{ code: 'not-listed' }], dismissed: [match] };
const labels = (id: string) => ({ douyin: 'Douyin' })[id] ?? id;

describe('possible match on the overlay', () => {
  it.each([
    ['en', ['May be blacklisted anchor “烟姐Lily说美妆” (close name match)', DISGUISED, 'douyin dy-yanjie', 'may be someone else']],
    ['zh-CN', ['可能是被列入黑名单的主播“烟姐Lily说美妆”（相似度高）', '原账号：douyin dy-yanjie', '可能并非同一人']],
  ] as const)('says in %s who it may be, how sure, and where it was listed', (locale, says) => {
    render(<Overlay verdict={warning} locale={locale} collapsed={false} />);
    const text = screen.getByRole('listitem').textContent!;
    for (const s of says) expect(text).toContain(s);
  });
});

describe('PossibleMatches', () => {
  const renderWith = (verdict: Verdict, onDismiss = vi.fn()) =>
    render(
      <PossibleMatches
        verdict={verdict}
        platform="demo"
        locale="en"
        platformLabel={labels}
        onDismiss={onDismiss}
        reportUrl={(prefill) => reportPageUrl('chrome-extension://x/report.html', { identity: { platform: 'demo', live: true }, seenAt: 'now', prefill })}
      />,
    );

  it('lists why: both names, what they compare as, what matched, the listing and where it came from', () => {
    const { container } = renderWith(warning);
    const text = container.textContent!;
    expect(text).toContain('“烟姐Lily说美妆”');
    expect(text).toContain('a score of 0.91 out of 1 (LiveSeal warns from 0.70)');
    // The skeletons: decorations, 官方, traditional forms, і and 1 folded.
    expect(text).toMatch(/“烟姐llly说美妆好物” and “烟姐llly说美妆”/);
    expect(text).toMatch(/\d+ % of the characters in the same order; 100 % of the listed name’s distinctive part kept/);
    expect(text).toContain('exaggerated claims');
    expect(text).toContain('account cancelled');
    expect(text).toContain('Douyin dy-yanjie');
  });

  it('dismisses for the page account, and offers undo once dismissed', () => {
    const onDismiss = vi.fn();
    renderWith(warning, onDismiss);
    fireEvent.click(screen.getByRole('button', { name: /Not the same seller/ }));
    expect(onDismiss).toHaveBeenCalledWith({ platform: 'demo', accountId: 'anchor-new', entryId: 'b5' }, true);
    const undo = vi.fn();
    const { container } = renderWith(dismissedVerdict, undo);
    expect(container.querySelector('[data-dismissed="true"]')?.textContent).toContain('LiveSeal does not warn about it on this account');
    fireEvent.click(screen.getByRole('button', { name: /Undo/ }));
    expect(undo).toHaveBeenCalledWith({ platform: 'demo', accountId: 'anchor-new', entryId: 'b5' }, false);
  });

  it('offers no dismissal without a page account, and nothing at all without a possible match', () => {
    const { pageAccountId: _, ...noAccount } = match;
    renderWith({ status: 'possible-blacklist', reasons: [noAccount] });
    expect(screen.queryByRole('button')).toBeNull();
    const { container } = renderWith({ status: 'not-listed', reasons: [{ code: 'not-listed' }] });
    expect(container.textContent).toBe('');
  });

  it('opens the report form pre-filled with the waistcoat reason and what was matched', () => {
    renderWith(warning);
    const href = screen.getByRole('link', { name: /Report as a waistcoat account/ }).getAttribute('href')!;
    const data = dataFromHash(new URL(href).hash) as ReportPageData;
    expect(data.prefill?.reasonId).toBe('banned-anchor-new-account');
    expect(data.prefill?.description).toContain(`“${DISGUISED}” in this room resembles “烟姐Lily说美妆”`);
  });
});
