// Builds the Pagefind index from the prerendered pages (the client half of the Node build).
import { createIndex, close } from 'pagefind';
import { join } from 'node:path';

const outDir = process.env.STEPCHECK_OUT_DIR || 'dist';
const site = join(outDir, 'client');
const { index, errors } = await createIndex({});
if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
const added = await index.addDirectory({ path: site });
if (added.errors.length) throw new Error(`Pagefind failed to index ${site}: ${added.errors.join('; ')}`);
const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
if (written.errors.length) throw new Error(`Pagefind failed to write its index: ${written.errors.join('; ')}`);
console.log(`pagefind: indexed ${added.page_count} pages into ${join(site, 'pagefind')}`);
await close();
