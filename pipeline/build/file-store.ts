// Content-addressed published files: stored once in the cache, hard-linked (or copied) into out/files/.
import { access, copyFile, link, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sha256Hex } from '../util/hash.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export class FileStore {
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
    if (!(await exists(stored))) await writeFileAtomic(stored, data);
    return key;
  }

  /** True when a key from an earlier run is still in the store. */
  async has(key: string): Promise<boolean> {
    return exists(join(this.storeDir, key));
  }

  /** Puts an already-stored key into this run's output (hard link; copy across file systems). */
  async place(key: string): Promise<void> {
    const target = join(this.outFilesDir, key);
    if (await exists(target)) return;
    await mkdir(dirname(target), { recursive: true });
    try {
      await link(join(this.storeDir, key), target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return;
      await copyFile(join(this.storeDir, key), target);
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
