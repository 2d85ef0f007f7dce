// Sends one in-process CLI run's output to its caller: console.* and process.stdout/stderr writes made inside
// `withIo(io, fn)` (and in every callback it starts) go to `io`; output from anywhere else goes where it always went.
import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** What process.stdout.isTTY and process.stderr.isTTY read inside the run (default false: like a pipe). */
  isTTY?: boolean;
}

const current = new AsyncLocalStorage<CliIo>();
const PATCHED = Symbol.for('clearance.cli-io');
/** The console methods and stream writes installed here. */
const ROUTED = new WeakSet<object>();

type Write = NodeJS.WriteStream['write'];

function routeWrite(stream: NodeJS.WriteStream, pick: (io: CliIo) => (text: string) => void): void {
  const write = stream.write;
  const routed = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const io = current.getStore();
    if (!io) return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined;
    pick(io)(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(encoding ?? 'utf8'));
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    if (done) process.nextTick(done);
    return true;
  } as Write;
  ROUTED.add(routed);
  stream.write = routed;
}

/** Routes a stream's write (again, when something replaced it since) and, once, its isTTY. */
function patchStream(stream: NodeJS.WriteStream, pick: (io: CliIo) => (text: string) => void): void {
  if (!ROUTED.has(stream.write)) routeWrite(stream, pick);
  const tagged = stream as NodeJS.WriteStream & { [PATCHED]?: true };
  if (tagged[PATCHED]) return;
  tagged[PATCHED] = true;
  const own = Object.getOwnPropertyDescriptor(stream, 'isTTY');
  // tty.WriteStream keeps isTTY on its prototype; a pipe has none.
  const outside = (): boolean | undefined =>
    own ? (own.get ? (own.get.call(stream) as boolean) : (own.value as boolean)) : (Reflect.get(Object.getPrototypeOf(stream) as object, 'isTTY', stream) as boolean | undefined);
  Object.defineProperty(stream, 'isTTY', {
    configurable: true,
    enumerable: own?.enumerable ?? true,
    get: () => {
      const io = current.getStore();
      return io ? (io.isTTY ?? false) : outside();
    },
  });
}

/** Routes the console object in use now. Checked on every run, method by method: a test runner may install its own
 *  console, and restoring a spy (`vi.spyOn(console, 'log')`) puts back whatever method was there before it. */
function patchConsole(target: Console): void {
  const route = (name: 'log' | 'info' | 'debug' | 'warn' | 'error', pick: (io: CliIo) => (text: string) => void): void => {
    if (ROUTED.has(target[name])) return;
    const original = target[name].bind(target);
    const routed = (...args: unknown[]): void => {
      const io = current.getStore();
      if (io) pick(io)(`${format(...args)}\n`);
      else original(...args);
    };
    ROUTED.add(routed);
    target[name] = routed;
  };
  route('log', (io) => io.stdout);
  route('info', (io) => io.stdout);
  route('debug', (io) => io.stdout);
  route('warn', (io) => io.stderr);
  route('error', (io) => io.stderr);
}

/** Runs `fn` with its output (console.*, process.stdout/stderr.write) sent to `io`. */
export function withIo<T>(io: CliIo, fn: () => Promise<T>): Promise<T> {
  patchStream(process.stdout, (i) => i.stdout);
  patchStream(process.stderr, (i) => i.stderr);
  patchConsole(globalThis.console);
  return current.run(io, fn);
}

