import type { z } from 'zod';

/** What is wrong in a registry source, located so a certification body can fix it in its export. */

export interface Problem {
  file: string;
  /** 1-based line in the file; absent for problems of the whole file. */
  line?: number;
  /** The column (CSV) or field (JSON) as the source names it. */
  column?: string;
  message: string;
}

/** Enough to fix a broken export in one pass without burying the terminal. */
export const MAX_REPORTED_PROBLEMS = 50;

export function formatProblem({ file, line, column, message }: Problem): string {
  return [line === undefined ? file : `${file}:${line}`, column, message].filter(Boolean).join(': ');
}

/** Thrown when sources cannot become a snapshot; carries every problem found, not just the first. */
export class SourceError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const sorted = sortByLocation(problems);
    super(formatProblems(sorted));
    this.name = 'SourceError';
    this.problems = sorted;
  }
}

/** Files in the order they were first reported (the order they are read), lines ascending within each. */
function sortByLocation(problems: readonly Problem[]): Problem[] {
  const rank = new Map<string, number>();
  for (const { file } of problems) if (!rank.has(file)) rank.set(file, rank.size);
  const rankOf = (p: Problem) => rank.get(p.file) ?? 0;
  return [...problems].sort((a, b) => rankOf(a) - rankOf(b) || (a.line ?? 0) - (b.line ?? 0));
}

export function formatProblems(problems: readonly Problem[]): string {
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS).map(formatProblem);
  const hidden = problems.length - shown.length;
  return [...shown, ...(hidden > 0 ? [`… and ${hidden} more problem(s)`] : [])].join('\n');
}

/** The first few schema issues on one line, for files that are not row tables (keys, payloads). */
export function summarizeIssues(error: z.ZodError, max = 3): string {
  const shown = error.issues.slice(0, max).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  const hidden = error.issues.length - shown.length;
  return shown.join('; ') + (hidden > 0 ? `; and ${hidden} more` : '');
}
