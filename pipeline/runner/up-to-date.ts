// Up-to-date check: a fingerprint of everything a build reads (release files, images, code, models, settings);
// when it equals the one recorded in --out's report.json, the build has nothing to do (like make or Bazel).
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Release } from '../catalog/index.js';
import { isHttpUrl } from '../image/fetch.js';
import type { SourceAdapter, SourceContext } from '../sources/source.js';
import type { Stage } from '../work/stage.js';
import { clearanceSettings, modelCacheDir, modelsDir } from '../util/config.js';
import { sha256Hex } from '../util/hash.js';
import { readRegularSync } from '../util/read-regular.js';

const repoRoot = resolve(import.meta.dirname, '../..');
const CODE = [join(repoRoot, 'pipeline'), join(repoRoot, 'package-lock.json')];

/** Size, modification time (ns) and inode of a path; directories recursively (sorted), without following symlinks
 *  below the top (a link to / inside an opt-out dir must not walk the file system). Missing: "-". */
function statPrint(path: string, depth = 0, recurse = true): string {
  let s;
  try {
    s = depth === 0 ? statSync(path, { bigint: true }) : lstatSync(path, { bigint: true });
  } catch {
    return `${path}:-`;
  }
  if (!s.isDirectory() || !recurse) return `${path}:${s.size}:${s.mtimeNs}:${s.ino}`;
  if (depth > 6) return `${path}:dir`;
  const names = readdirSync(path).sort();
  return [`${path}:dir`, ...names.map((n) => statPrint(join(path, n), depth + 1))].join('\n');
}

/**
 * Everything that can change a build's output, or undefined when the build cannot be checked cheaply
 * (an image fetched from the network). Images and referenced files count by size/mtime/inode, manifests by content.
 */
export async function inputsFingerprint(
  releaseDir: string,
  release: Release,
  stages: readonly Stage[],
  adapterOf: (name: string) => SourceAdapter,
  retrievedAt: string,
): Promise<string | undefined> {
  const parts: string[] = [readRegularSync(join(releaseDir, 'release.json')).toString('utf8')];
  parts.push(stages.map((s) => `${s.name}@${s.version}`).join(','));
  // Decisions may depend on the date (e.g. public domain by age): a new day is a new build.
  parts.push(retrievedAt.slice(0, 10));
  parts.push(clearanceSettings());
  for (const p of [...CODE, modelsDir(), modelCacheDir()]) parts.push(statPrint(p));
  const referenced = [...Object.values(release.optOut ?? {}), ...[release.rightsHolders ?? []].flat(), release.withdrawals, release.reviews, release.fetched];
  for (const r of referenced) if (r) parts.push(statPrint(join(releaseDir, r)));
  const ctx: SourceContext = { releaseDir, release, retrievedAt };
  const urls: string[] = [];
  for (const source of release.sources) {
    parts.push(statPrint(join(releaseDir, source.path.replace(/[*?].*$/, ''))));
    for await (const entry of adapterOf(source.adapter).read(source, ctx)) {
      if (!entry.ok) {
        parts.push(`!${entry.id}:${entry.detail}`);
        continue;
      }
      const { item } = entry;
      parts.push(`${item.id}:${item.metadataSha256}`);
      if (isHttpUrl(item.image)) urls.push(item.image);
      else if (!isAbsolute(item.image)) parts.push(statPrint(join(releaseDir, item.image), 0, false));
    }
  }
  // Recorded responses are covered by the fetched dir's fingerprint; any other URL means a network fetch.
  if (urls.length) {
    const recorded = new Set(recordedUrls(releaseDir, release.fetched));
    if (urls.some((u) => !recorded.has(u))) return undefined;
  }
  return sha256Hex(parts.join('\n\0'));
}

function recordedUrls(releaseDir: string, fetched: string | undefined): string[] {
  if (!fetched) return [];
  let text = '';
  try {
    text = readRegularSync(join(releaseDir, fetched, 'index.jsonl')).toString('utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((l) => {
    try {
      const url = (JSON.parse(l) as { url?: unknown }).url;
      return typeof url === 'string' ? [url] : [];
    } catch {
      return [];
    }
  });
}
