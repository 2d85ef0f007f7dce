// Entry of the inference thread: loads the TypeScript body through tsx (a worker does not inherit the parent's loader).
import { register } from 'tsx/esm/api';

register();
await import('./inference-worker.ts');
