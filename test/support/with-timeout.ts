// Bounds a step of a test: rejects when the promise has not settled within `ms`, saying which step and, from `detail`
// read at that moment, what else the failure needs (e.g. a server's recent output).
export function withTimeout<T>(p: Promise<T>, ms: number, message: string, detail?: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms${detail ? `\n${detail()}` : ''}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
