// ai.txt (Spawning): robots.txt syntax with file-glob rules per media type; decides whether a path may be used for AI training by us.
import { CRAWLER_NAME } from './agent.js';
import { decidingRule, parseRobots, rulesFor, type RobotsFile } from './robots-txt.js';

export type AiTxt = RobotsFile;

export const parseAiTxt = parseRobots;

/**
 * Why ai.txt disallows AI training on `path` (a URL path, or `/<file name>` for an image stored elsewhere), or
 * undefined. Rules come from the group naming our crawler, else from `User-Agent: *`.
 */
export function aiTxtDisallows(file: AiTxt, path: string): string | undefined {
  const { rules, matchedBy } = rulesFor(file, CRAWLER_NAME);
  const rule = decidingRule(rules, path);
  if (!rule || rule.allow) return undefined;
  const group = matchedBy === 'agent' ? `User-Agent: ${CRAWLER_NAME}` : 'User-Agent: *';
  return `ai.txt disallows ${path} (${group}, Disallow: ${rule.pattern})`;
}
