// Our crawler's name (the product token ai.txt groups and per-agent X-Robots-Tag directives address) and User-Agent.
export const CRAWLER_NAME = 'ClearanceBot';
export const USER_AGENT = `${CRAWLER_NAME}/1.0 (+https://github.com/clearance/clearance; opt-out checks for an AI-training image catalogue)`;

/** True when a user-agent line or directive prefix names our crawler (case-insensitive product-token match). */
export function namesOurAgent(agent: string): boolean {
  const token = agent.trim().toLowerCase().split('/')[0]?.trim() ?? '';
  return token === CRAWLER_NAME.toLowerCase();
}
