import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { freePort } from './server';

/**
 * Another organisation's guide site for the multi-site search tests: the built client
 * files served as a static host that allows other origins to fetch them (CORS), as
 * `search.sites` requires. Kept to what those tests need.
 */
export async function startCorsSite(folder: string) {
	const root = resolve(folder);
	const server: Server = createServer((req, res) => {
		let file = resolve(root, '.' + sep + decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname));
		if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(403).end();
		if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
		if (!existsSync(file)) return void res.writeHead(404, { 'access-control-allow-origin': '*' }).end('not found');
		const type = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json' }[extname(file)];
		res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': type ?? 'application/octet-stream' });
		createReadStream(file).pipe(res);
	});
	const port = await freePort();
	await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
	return {
		url: `http://127.0.0.1:${port}/`,
		stop: () => new Promise<void>((done) => server.close(() => done())),
	};
}

/** A site that accepts connections and never answers: the slow site a search must not wait for. */
export async function startSilentSite() {
	const server = createServer(() => {});
	const port = await freePort();
	await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
	return {
		url: `http://127.0.0.1:${port}/`,
		stop: () =>
			new Promise<void>((done) => {
				server.closeAllConnections();
				server.close(() => done());
			}),
	};
}
