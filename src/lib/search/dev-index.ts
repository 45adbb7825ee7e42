import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import sirv from 'sirv';
import { normaliseBase } from './base-path.ts';

const NO_INDEX = 'No Pagefind index from a build. Run "npm run build" once; "npm run dev" then searches that index.';

/**
 * Serves the files of `folder` (request paths relative to it), read afresh on each request
 * so a build made while `astro dev` runs is picked up, never cached by the browser.
 */
export function pagefindDevFiles(folder: string) {
	const files = sirv(folder, { dev: true });
	return (req: IncomingMessage, res: ServerResponse) =>
		files(req, res, () => {
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
			res.end(NO_INDEX);
		});
}

/**
 * `astro dev` has no Pagefind index (Pagefind reads the built HTML), so the dev server
 * serves `<base>pagefind/` from the last `npm run build`. Without a build it answers 404
 * and the search box says how to make one.
 */
export function pagefindDevIndex(): AstroIntegration {
	let folder = '';
	let base = '/';
	return {
		name: 'stepcheck-pagefind-dev-index',
		hooks: {
			'astro:config:done': ({ config }) => {
				folder = join(fileURLToPath(config.build.client), 'pagefind');
				base = normaliseBase(config.base);
			},
			'astro:server:setup': ({ server, logger }) => {
				logger.info(
					existsSync(folder)
						? `search uses the index of the last build (${folder})`
						: `no search index yet: run "npm run build" once and search in dev will use it`,
				);
				server.middlewares.use(`${base}pagefind/`, pagefindDevFiles(folder));
			},
		},
	};
}
