#!/usr/bin/env node
// `clearance` executable: loads the TypeScript CLI through tsx (Node 20 cannot run .ts itself) and runs it.
import { register } from 'tsx/esm/api';
register();
const { run } = await import('./cli.ts');
process.exitCode = await run(process.argv.slice(2));
