/** The toolbar badge for a verdict: the one surface a page can never draw over or imitate. */
import { statusText, translator } from '../i18n/verdict-text';
import type { Locale } from '../i18n/locale';
import { toneOf, type Tone } from '../verdict/tone';
import type { Verdict } from '../verdict/types';

const BADGE: Record<Tone, { text: string; colour: string }> = {
  ok: { text: '✓', colour: '#067647' },
  warning: { text: '!', colour: '#b54708' },
  danger: { text: '✕', colour: '#b42318' },
  neutral: { text: '', colour: '#475467' },
};

export interface Badge {
  text: string;
  colour: string;
  title: string;
}

export function badgeFor(verdict: Verdict, locale: Locale): Badge {
  const { text, colour } = BADGE[toneOf(verdict.status)];
  const subject = verdict.company ? ` · ${verdict.company.name}` : '';
  return { text, colour, title: `LiveSeal: ${statusText(verdict.status, translator(locale))}${subject}` };
}
