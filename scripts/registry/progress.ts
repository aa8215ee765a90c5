/** Progress of long builds, on stderr: a national registry has millions of rows, a demo a dozen. */

export interface Reporter {
  log: (line: string) => void;
  verbose: boolean;
}

/** Tables smaller than this are read too fast for progress to help; --verbose still prints their totals. */
const QUIET_BELOW_ROWS = 10_000;

const count = (n: number) => n.toLocaleString('en-US');

/** Reports every 10% of a large table's rows, then the total. */
export function rowProgress(reporter: Reporter | undefined, file: string, total: number) {
  const large = total >= QUIET_BELOW_ROWS;
  let tenths = 1;
  return {
    tick(done: number): void {
      if (!reporter || !large || tenths > 9 || done < (total * tenths) / 10) return;
      reporter.log(`${file}: ${tenths * 10}% (${count(done)} of ${count(total)} rows)`);
      tenths++;
    },
    finish(rowsWithProblems: number): void {
      if (!reporter || !(large || reporter.verbose)) return;
      reporter.log(`${file}: ${count(total)} rows read${rowsWithProblems ? `, ${count(rowsWithProblems)} with problems` : ''}`);
    },
  };
}
