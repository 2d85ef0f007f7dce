// An error the CLI prints as one line saying what to fix, with its exit code (no stack trace).
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
