// Content-addressed published files: stored once in the cache, hard-linked (or copied) into out/files/.
// Links, checks and mkdirs are synchronous on purpose (tiny; async ones queue behind sharp on libuv's pool);
// writing new bodies (cold builds only) stays asynchronous so it does not hold up the main thread.
import { copyFileSync, existsSync, linkSync, mkdirSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sha256Hex } from '../util/hash.js';

let tmpCounter = 0;

export class FileStore {
  private madeDirs = new Set<string>();
  constructor(
    /** Where file bodies live across runs (inside the cache directory). */
    readonly storeDir: string,
    /** This run's `out/files` directory. */
    readonly outFilesDir: string,
  ) {}

  /** `<kind>/<sha[0..2]>/<sha>.<ext>`: kind is `original` (metered downloads only) or a public derivative (`thumb`, …). */
  static keyFor(data: Uint8Array, ext: string, kind: string): string {
    const sha = sha256Hex(data);
    return `${kind}/${sha.slice(0, 2)}/${sha}.${ext}`;
  }

  /** mkdir with memory: the shared parent recursively once, then one plain mkdir per two-hex-digit leaf. */
  private ensureDir(dir: string): void {
    if (this.madeDirs.has(dir)) return;
    const parent = dirname(dir);
    if (!this.madeDirs.has(parent)) {
      mkdirSync(parent, { recursive: true });
      this.madeDirs.add(parent);
    }
    try {
      mkdirSync(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    this.madeDirs.add(dir);
  }

  /** Stores bytes under their content key and places them in this run's output. Returns the key. */
  async put(data: Uint8Array, ext: string, kind: string): Promise<string> {
    const key = await this.store(data, ext, kind);
    await this.place(key);
    return key;
  }

  /** Stores bytes under their content key without publishing them (yet). Returns the key. */
  async store(data: Uint8Array, ext: string, kind: string): Promise<string> {
    const key = FileStore.keyFor(data, ext, kind);
    const stored = join(this.storeDir, key);
    if (!existsSync(stored)) {
      this.ensureDir(dirname(stored));
      const tmp = `${stored}.tmp-${process.pid}-${tmpCounter++}`;
      await writeFile(tmp, data);
      await rename(tmp, stored);
    }
    return key;
  }

  /** True when a key from an earlier run is still in the store. */
  async has(key: string): Promise<boolean> {
    return existsSync(join(this.storeDir, key));
  }

  /** Puts an already-stored key into this run's output (hard link; copy across file systems). Throws ENOENT if the store lost it. */
  async place(key: string): Promise<void> {
    const target = join(this.outFilesDir, key);
    this.ensureDir(dirname(target));
    try {
      linkSync(join(this.storeDir, key), target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return;
      if (code === 'ENOENT') throw err;
      copyFileSync(join(this.storeDir, key), target);
    }
  }
}
