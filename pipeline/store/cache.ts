// Content-addressed cache of stage results: key = stage name + stage version + a hash of the stage's input.
// Stored as an append-only journal (results.jsonl) loaded once per process: a re-run costs a Map lookup per result.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../util/hash.js';

export class Cache {
  hits = 0;
  misses = 0;
  private entries: Map<string, string> | undefined;
  private loading: Promise<Map<string, string>> | undefined;
  private fd: number | undefined;

  constructor(readonly dir: string) {}

  private get journal(): string {
    return join(this.dir, 'results.jsonl');
  }

  private key(stage: string, version: string, inputKey: string): string {
    return sha256Hex(`${stage}\0${version}\0${inputKey}`);
  }

  /** Reads the journal once; a torn last line (killed run) is skipped, later lines win. */
  private load(): Promise<Map<string, string>> {
    this.loading ??= (async () => {
      const map = new Map<string, string>();
      let text = '';
      try {
        text = await readFile(this.journal, 'utf8');
      } catch {
        /* no journal yet */
      }
      for (const line of text.split('\n')) {
        if (line.length < 68 || line[66] !== '\t') continue;
        const value = line.slice(67);
        try {
          JSON.parse(value);
        } catch {
          continue;
        }
        map.set(line.slice(1, 65), value);
      }
      this.entries = map;
      return map;
    })();
    return this.loading;
  }

  async get<T>(stage: string, version: string, inputKey: string): Promise<T | undefined> {
    const map = this.entries ?? (await this.load());
    const raw = map.get(this.key(stage, version, inputKey));
    if (raw === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return JSON.parse(raw) as T;
  }

  /** Appends one line with a single write (O_APPEND), visible at once to other Cache instances and processes. */
  async put(stage: string, version: string, inputKey: string, value: unknown): Promise<void> {
    const map = this.entries ?? (await this.load());
    const key = this.key(stage, version, inputKey);
    const raw = JSON.stringify(value);
    map.set(key, raw);
    if (this.fd === undefined) {
      mkdirSync(this.dir, { recursive: true });
      this.fd = openSync(this.journal, 'a');
    }
    writeSync(this.fd, `"${key}"\t${raw}\n`);
  }

  /** Closes the journal file (optional: the process exiting closes it too). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
