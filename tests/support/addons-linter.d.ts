/** The part of addons-linter's programmatic API (README "Using the linter as a library") the tests use. */
declare module 'addons-linter' {
  interface LinterMessage {
    code: string;
    file?: string;
    message: string;
  }
  interface LinterResult {
    errors: LinterMessage[];
    warnings: LinterMessage[];
    notices: LinterMessage[];
  }
  const linter: {
    createInstance(options: { config: Record<string, unknown> & { _: string[] }; runAsBinary: boolean }): { run(): Promise<LinterResult> };
  };
  export default linter;
}
