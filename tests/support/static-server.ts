import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type ServerOptions } from 'node:https';
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
	'.mjs': 'text/javascript; charset=utf-8',
};

/**
 * A plain static file host (no Astro, no Node adapter) serving `folder` under `prefix`,
 * the way a CDN or GitHub Pages would serve the built client files from a sub-folder.
 */
export async function startStaticHost(folder: string, prefix: string, tls?: Pick<ServerOptions, 'key' | 'cert'>) {
	const root = resolve(folder);
	const handler = (req: IncomingMessage, res: ServerResponse) => {
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
	};
	// With a certificate it is HTTPS, a secure context as a published site is.
	const server = tls ? createTlsServer(tls, handler) : createServer(handler);
	const port = await freePort();
	await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
	return {
		url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
		port,
		stop: () => new Promise<void>((done) => server.close(() => done())),
	};
}
