// Our crawler's name (the product token ai.txt groups and per-agent X-Robots-Tag directives address) and User-Agent.
export const CRAWLER_NAME = 'ClearanceBot';
export const USER_AGENT = `${CRAWLER_NAME}/1.0 (+https://github.com/clearance/clearance; opt-out checks for an AI-training image catalogue)`;

/** RFC 9309 product token of a user-agent value or name, for case-insensitive comparison ("MistralAI-User/1.0" → "mistralai-user"). */
export function productToken(value: string): string {
  return value.trim().toLowerCase().split(/[/\s]/)[0] ?? '';
}

/** True when a user-agent line or directive prefix names our crawler (case-insensitive product-token match). */
export function namesOurAgent(agent: string): boolean {
  return productToken(agent) === CRAWLER_NAME.toLowerCase();
}
