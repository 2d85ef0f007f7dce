// The docs and the CLI agree: every command `clearance --help` lists is in the README's table, and every option a
// command accepts is named in a doc section about that command (options read from each command's parseArgs table);
// the npm scripts the docs name are package.json's.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../pipeline/cli.js';
import { repoRoot } from '../support/shared.js';

const docs = execFileSync('git', ['ls-files', '*.md'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter(Boolean);
/** Every doc cut at its headings: a section is a heading and the text under it. */
const sections = docs.flatMap((d) => readFileSync(join(repoRoot, d), 'utf8').split(/\n(?=#{1,6} )/));

async function commands(): Promise<string[]> {
  let out = '';
  await run(['--help'], { stdout: (t) => (out += t), stderr: () => undefined });
  return [...out.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]!);
}

/** The long options a command's parseArgs table declares (`name: { type: … }`), --help aside. */
function optionsOf(command: string): string[] {
  const source = readFileSync(join(repoRoot, 'pipeline', 'commands', `${command}.ts`), 'utf8');
  return [...source.matchAll(/^\s+'?([a-z][a-z-]*)'?: \{ type: '(?:string|boolean)'/gm)].map((m) => `--${m[1]}`).filter((o) => o !== '--help');
}

describe('docs and CLI', () => {
  it('list every command in the README table', async () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const names = await commands();
    expect(names.length).toBeGreaterThan(8);
    for (const name of names) expect(readme, name).toMatch(new RegExp(`^\\| \`${name}[ \`]`, 'm'));
  });

  it('name only npm scripts package.json has, and every one of them', () => {
    const scripts = Object.keys((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
    const text = docs.map((d) => readFileSync(join(repoRoot, d), 'utf8')).join('\n');
    // `npm run a`, and the short forms of a list that starts with one: `npm run bench:pipeline`, `bench:site`…
    const named = new Set([...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
    for (const [, name] of text.matchAll(/`((?:bench|eval|test):[\w-]+)`/g)) named.add(name!);
    expect([...named].filter((n) => !scripts.includes(n))).toEqual([]);
    const documented = (s: string) => named.has(s) || text.includes(`npm ${s}`);
    expect(scripts.filter((s) => !documented(s))).toEqual([]);
  });

  it('name every option of each command in a section about it', async () => {
    const missing: string[] = [];
    for (const name of await commands()) {
      const about = sections.filter((s) => s.includes(`clearance ${name}`) || (name === 'start' && s.includes('npm start'))).join('\n');
      for (const option of optionsOf(name)) if (!about.includes(option)) missing.push(`${name} ${option}`);
    }
    expect(missing).toEqual([]);
  });
});
