import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { freePort } from './server';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.webp': 'image/webp',
	'.xml': 'application/xml',
};

/**
 * A plain static file host (no Astro, no Node adapter) serving `folder` under `prefix`,
 * the way a CDN or GitHub Pages would serve the built client files from a sub-folder.
 */
export async function startStaticHost(folder: string, prefix: string) {
	const root = resolve(folder);
	const server = createServer((req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
		if (!path.startsWith(prefix)) {
			res.writeHead(404).end('outside the base path');
			return;
		}
		let file = resolve(root, '.' + sep + path.slice(prefix.length));
		if (file !== root && !file.startsWith(root + sep)) {
			res.writeHead(403).end();
			return;
		}
		if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
		if (!existsSync(file)) {
			res.writeHead(404).end('not found');
			return;
		}
		res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
		createReadStream(file).pipe(res);
	});
	const port = await freePort();
	await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
	return {
		url: `http://127.0.0.1:${port}`,
		stop: () => new Promise<void>((done) => server.close(() => done())),
	};
}
