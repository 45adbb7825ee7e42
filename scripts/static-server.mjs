// @ts-check
/**
 * The one plain static file host (no Astro, no Node adapter), for the bench's Starlight
 * output and the tests' "any static host": sirv serves the files, with its MIME types, its
 * path checks and index.html for a folder.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { join, resolve } from 'node:path';
import sirv from 'sirv';

/**
 * Serves `root` under `base` (a folder of the host, as on GitHub Pages) on a free loopback port.
 * A miss answers 404 with the site's `404.html` when it has one, as static hosts do.
 * @param {string} root
 * @param {{ base?: string, tls?: { key: Buffer, cert: Buffer }, cors?: boolean }} [options] `base` starts and ends with a slash; `/` by default;
 *   with `tls` it serves HTTPS, a secure context as a published site is; `cors` lets any origin fetch the files, as a site listed
 *   in another site's `search.sites` must
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>}
 */
export function serveStatic(root, { base = '/', tls, cors = false } = {}) {
	const folder = resolve(root);
	const notFoundPage = join(folder, '404.html');
	// Built files do not change while served, so sirv reads the folder once.
	const files = sirv(folder, {
		onNoMatch: (_req, res) => {
			if (!existsSync(notFoundPage)) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
			res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
			createReadStream(notFoundPage).pipe(res);
		},
	});
	/** @type {import('node:http').RequestListener} */
	const handler = (req, res) => {
		if (cors) res.setHeader('access-control-allow-origin', '*');
		const url = req.url ?? '/';
		if (!url.startsWith(base)) return void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Outside ${base}\n`);
		req.url = url.slice(base.length - 1);
		files(req, res);
	};
	const server = tls ? createTlsServer(tls, handler) : createServer(handler);
	return new Promise((done) => {
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			done({
				url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
				port,
				// Drops open keep-alive connections too, so a stopped host is gone for a browser that used it.
				stop: () =>
					new Promise((stopped) => {
						server.close(() => stopped());
						server.closeAllConnections();
					}),
			});
		});
	});
}
