// A one-line progress bar on a TTY (stderr); silent otherwise, so logs and tests stay clean.
export interface Progress {
  tick(n?: number): void;
  done(): void;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total === 0) return { tick() {}, done() {} };
  let count = 0;
  let last = 0;
  const draw = (): void => {
    const width = 30;
    const filled = Math.round((count / total) * width);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${count}/${total}`);
  };
  draw();
  return {
    tick(n = 1) {
      count += n;
      const now = Date.now();
      if (now - last > 100 || count >= total) {
        last = now;
        draw();
      }
    },
    done() {
      draw();
      stream.write('\n');
    },
  };
}
