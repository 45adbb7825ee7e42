// @ts-check
/**
 * A plain static file server for the Starlight output, so its pages are served the same
 * way as Stepcheck's (uncompressed, from local disk) and the byte counts compare like for like.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

/** @type {Record<string, string>} */
const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.avif': 'image/avif',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.ico': 'image/x-icon',
	'.xml': 'application/xml',
	'.txt': 'text/plain',
	'.wasm': 'application/wasm',
};

/**
 * @param {string} root
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export function serveStatic(root) {
	const server = createServer((req, res) => {
		const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
		let file = join(root, path);
		if (!file.startsWith(root)) return void res.writeHead(403).end();
		if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
		const found = existsSync(file);
		if (!found) file = join(root, '404.html');
		res.writeHead(found ? 200 : 404, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
		createReadStream(file).pipe(res);
	});
	return new Promise((resolvePromise) => {
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			resolvePromise({ url: `http://127.0.0.1:${port}`, stop: () => new Promise((done) => server.close(() => done())) });
		});
	});
}
