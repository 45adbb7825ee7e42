import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
// Only the binding: the Pagefind binary starts in createIndex(), at the end of a build.
import { close, createIndex } from 'pagefind';

/**
 * Builds the Pagefind index from the prerendered pages at the end of `astro build`, in the
 * build's own process: a separate `pagefind` step would start Node and load Pagefind again
 * on every build. It runs last, so it sees the pages the other integrations wrote.
 */
export function pagefindIndex(): AstroIntegration {
	return {
		name: 'stepcheck-pagefind-index',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const site = fileURLToPath(dir);
				try {
					const { index, errors } = await createIndex({});
					if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
					const added = await index.addDirectory({ path: site });
					if (added.errors.length) throw new Error(`Pagefind could not index ${site}: ${added.errors.join('; ')}`);
					const output = join(site, 'pagefind');
					const written = await index.writeFiles({ outputPath: output });
					if (written.errors.length) throw new Error(`Pagefind could not write its index to ${output}: ${written.errors.join('; ')}`);
					logger.info(`indexed ${added.page_count} pages into ${output}`);
				} finally {
					await close();
				}
			},
		},
	};
}
