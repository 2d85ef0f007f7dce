// Prints the folder-level import graph (who imports whom, how often) and any folder cycles: `npx tsx test/architecture/print-graph.ts`.
import { folderCycles, folderEdges, readImports } from './import-graph.js';

const root = process.argv[2] ?? process.cwd();
const imports = readImports(root);
const edges = folderEdges(imports);
for (const [edge, n] of [...edges].sort(([a], [b]) => a.localeCompare(b))) console.log(`${String(n).padStart(4)}  ${edge}`);
const folders = new Set([...edges.keys()].flatMap((e) => e.split(' -> ')));
const crossing = [...edges.values()].reduce((s, n) => s + n, 0);
console.log(`\nfolders: ${folders.size}, edges: ${edges.size}, imports across folders: ${crossing}, all relative imports: ${imports.length}`);
const cycles = folderCycles(edges);
console.log(`folder cycles: ${cycles.length}`);
for (const c of cycles) console.log(`  cycle: ${c.join(' <-> ')}`);
