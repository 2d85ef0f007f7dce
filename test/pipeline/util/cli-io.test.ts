// withIo: a run's console and stream output reaches its own sink, concurrent runs do not mix, and the rest of the
// process keeps its output and its terminal.
import { describe, expect, it } from 'vitest';
import { withIo } from '../../../pipeline/util/cli-io.js';

const sink = () => {
  const o = { stdout: '', stderr: '' };
  return { o, io: { stdout: (t: string) => (o.stdout += t), stderr: (t: string) => (o.stderr += t) } };
};
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('withIo', () => {
  it('captures console.* and process.stdout/stderr writes, also from callbacks the run started', async () => {
    const { o, io } = sink();
    await withIo(io, async () => {
      console.log('log %d', 1);
      console.info('info');
      console.warn('warn');
      console.error('error', { a: 1 });
      process.stdout.write('raw out\n');
      process.stderr.write(Buffer.from('raw err\n'));
      await new Promise<void>((r) => setTimeout(() => (console.log('later'), r()), 1));
    });
    expect(o.stdout).toBe('log 1\ninfo\nraw out\nlater\n');
    expect(o.stderr).toBe("warn\nerror { a: 1 }\nraw err\n");
  });

  it('keeps two concurrent runs apart', async () => {
    const a = sink();
    const b = sink();
    const job = (name: string) => async () => {
      for (let i = 0; i < 3; i++) {
        console.log(`${name}${i}`);
        await tick();
      }
    };
    await Promise.all([withIo(a.io, job('a')), withIo(b.io, job('b'))]);
    expect(a.o.stdout).toBe('a0\na1\na2\n');
    expect(b.o.stdout).toBe('b0\nb1\nb2\n');
  });

  it('captures again after something put other console methods and stream writes in place (a restored spy)', async () => {
    await withIo(sink().io, async () => undefined);
    const saved = { log: console.log, error: console.error, write: process.stdout.write };
    const native = { log: (..._: unknown[]) => undefined, error: (..._: unknown[]) => undefined, write: (() => true) as typeof process.stdout.write };
    Object.assign(console, { log: native.log, error: native.error });
    process.stdout.write = native.write;
    try {
      const { o, io } = sink();
      await withIo(io, async () => {
        console.log('out');
        console.error('err');
        process.stdout.write('raw\n');
      });
      expect(o).toEqual({ stdout: 'out\nraw\n', stderr: 'err\n' });
    } finally {
      Object.assign(console, { log: saved.log, error: saved.error });
      process.stdout.write = saved.write;
    }
  });

  it('reads as a pipe inside a run (isTTY false unless asked) and leaves isTTY alone outside', async () => {
    const outside = process.stderr.isTTY;
    const seen: unknown[] = [];
    await withIo(sink().io, async () => void seen.push(process.stderr.isTTY, process.stdout.isTTY));
    await withIo({ ...sink().io, isTTY: true }, async () => void seen.push(process.stderr.isTTY));
    expect(seen).toEqual([false, false, true]);
    expect(process.stderr.isTTY).toBe(outside);
  });
});
