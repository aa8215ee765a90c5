// @vitest-environment happy-dom
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { Overlay } from '../../components/Overlay';
import type { Verdict } from '../../lib/verdict/types';

const grade = { id: 'g3', label: { zh: '★★★ 优秀', en: '★★★ Excellent' }, colour: '#1d4ed8' };
const certified: Verdict = {
  status: 'certified',
  company: { id: 'c1', name: 'Galaxy Select Demo Co.' },
  certificate: { number: 'CERT-1', scheme: 'SITI 1001-2021', issuer: 'Demo Cert', status: 'valid', grade, issuedOn: '2025-03-01', expiresOn: '2028-02-28' },
  reasons: [{ code: 'certified', certificateNumber: 'CERT-1', gradeId: 'g3', expiresOn: '2028-02-28' }, { code: 'demo-registry' }],
};
const blacklisted: Verdict = {
  status: 'blacklisted',
  reasons: [
    {
      code: 'blacklisted-account',
      entryId: 'b1',
      kind: 'anchor',
      listedName: '<b>王小刀</b>',
      reasons: [{ zh: '销售假冒商品', en: 'sold counterfeit goods' }],
      measures: ['close-live-function'],
      authority: 'Demo Association',
      listedOn: '2026-05-01',
      platform: 'demo',
      accountId: 'anchor-banned',
    },
  ],
};

describe('Overlay', () => {
  it('shows the grade from the registry scale, its colour, the company and every reason', () => {
    const { container } = render(<Overlay verdict={certified} locale="en" collapsed={false} onToggle={() => {}} />);
    expect(screen.getByRole('status').textContent).toContain('Certified');
    const grade = container.querySelector('.grade') as HTMLElement;
    expect(grade.textContent).toContain('★★★ Excellent');
    expect((grade.querySelector('.swatch') as HTMLElement).style.background).toMatch(/#1d4ed8|rgb\(29, 78, 216\)/);
    expect(container.querySelector('.mark')!.textContent).toBe('✓');
    expect(screen.getByText(/Galaxy Select Demo Co\./)).toBeTruthy();
    expect(container.querySelectorAll('li[data-reason]').length).toBe(2);
    expect(screen.getByText(/Certificate CERT-1, grade ★★★ Excellent, valid until Feb 28, 2028/)).toBeTruthy();
    expect(screen.getByText(/trust the LiveSeal icon/)).toBeTruthy();
  });

  it('speaks Chinese', () => {
    render(<Overlay verdict={blacklisted} locale="zh-CN" collapsed={false} onToggle={() => {}} />);
    expect(screen.getByRole('status').textContent).toBe('黑名单');
    expect(screen.getByText(/销售假冒商品/).textContent).toContain('关闭直播功能');
  });

  it('renders names from the page or registry as text, never markup', () => {
    const { container } = render(<Overlay verdict={blacklisted} locale="en" collapsed={false} onToggle={() => {}} />);
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toContain('<b>王小刀</b>');
  });

  it('collapses to the mark with a labelled, keyboard-reachable toggle', () => {
    let toggled = 0;
    const { container, rerender } = render(<Overlay verdict={certified} locale="en" collapsed={false} onToggle={() => toggled++} />);
    const toggle = screen.getByRole('button', { name: 'Collapse LiveSeal' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    expect(toggled).toBe(1);
    rerender(<Overlay verdict={certified} locale="en" collapsed onToggle={() => toggled++} />);
    expect(container.querySelector('.reasons')).toBeNull();
    expect(screen.getByRole('button', { name: 'Expand LiveSeal' }).getAttribute('aria-expanded')).toBe('false');
    expect(screen.getByRole('status').textContent).toContain('Certified');
  });

  it('gives every status a symbol as well as a colour', () => {
    const symbols = new Set<string>();
    for (const status of ['certified', 'expired', 'blacklisted', 'not-listed'] as const) {
      const { container, unmount } = render(<Overlay verdict={{ status, reasons: [] }} locale="en" collapsed onToggle={() => {}} />);
      symbols.add(container.querySelector('.mark')!.textContent!.trim());
      unmount();
    }
    expect(symbols.size).toBe(4);
  });
});
