// What `npm start` prints once the stack serves: URLs, the demo key and a curl line that downloads an item.
import type { DemoAccount } from './demo-account.js';

export interface ReadyInfo {
  url: string;
  demo: DemoAccount & { created: boolean };
  item?: { id: string; format: string };
  seconds: number;
}

export function printReady({ url, demo, item, seconds }: ReadyInfo): void {
  const lines = [
    '',
    `Clearance is running (ready in ${seconds.toFixed(1)} s). Ctrl-C stops it.`,
    '',
    `  gallery   ${url}/`,
    `  API       ${url}/v1/  (OpenAPI: ${url}/v1/openapi.json)`,
    `  demo key  ${demo.key}   (${demo.created ? 'new' : 'reused'} demo account ${demo.email}; kept in .wrangler/clearance-demo.json)`,
  ];
  if (item) {
    const ext = item.format === 'jpeg' ? 'jpg' : item.format;
    lines.push('', '  download an item with the demo key:', `  curl -fsS -H 'Authorization: Bearer ${demo.key}' -o item.${ext} '${url}/v1/items/${encodeURIComponent(item.id)}/download'`);
  }
  lines.push('', '  admin: npx clearance admin --help (token in .dev.vars)', '');
  console.log(lines.join('\n'));
}
