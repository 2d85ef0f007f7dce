// Content-addressed cache of stage results: key = stage name + stage version + a hash of the stage's input.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../util/hash.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export class Cache {
  hits = 0;
  misses = 0;
  constructor(readonly dir: string) {}

  private path(stage: string, version: string, inputKey: string): string {
    const key = sha256Hex(`${stage}\0${version}\0${inputKey}`);
    return join(this.dir, 'results', stage, key.slice(0, 2), `${key}.json`);
  }

  async get<T>(stage: string, version: string, inputKey: string): Promise<T | undefined> {
    try {
      const value = JSON.parse(await readFile(this.path(stage, version, inputKey), 'utf8')) as T;
      this.hits++;
      return value;
    } catch {
      this.misses++;
      return undefined;
    }
  }

  async put(stage: string, version: string, inputKey: string, value: unknown): Promise<void> {
    await writeFileAtomic(this.path(stage, version, inputKey), JSON.stringify(value));
  }
}
