import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { normaliseBase } from '../site/base-path.ts';

const CONTENT_TYPES: Record<string, string> = {
	'.js': 'text/javascript; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
};

/** The file under `folder` that a request path names, or null if it would leave the folder. */
export function indexFileFor(folder: string, requestPath: string): string | null {
	const file = resolve(folder, '.' + sep + decodeURIComponent(requestPath.split('?')[0] ?? ''));
	return file.startsWith(resolve(folder) + sep) ? file : null;
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
				server.middlewares.use(`${base}pagefind/`, (req, res) => {
					const file = indexFileFor(folder, req.url ?? '/');
					if (!file || !existsSync(file) || !statSync(file).isFile()) {
						res.statusCode = 404;
						res.setHeader('content-type', 'text/plain; charset=utf-8');
						res.end('No Pagefind index from a build. Run "npm run build" once; "npm run dev" then searches that index.');
						return;
					}
					res.setHeader('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
					res.setHeader('cache-control', 'no-store');
					createReadStream(file).pipe(res);
				});
			},
		},
	};
}
