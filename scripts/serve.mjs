// Serves the built site: prerendered pages and the on-demand API through the Node adapter.
// HOST and PORT override the default of http://127.0.0.1:4321 (loopback, so the live
// AWS check is only reachable from this machine unless an operator says otherwise).
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { answerOutsideBase, readsOnlyOutsideApi, screenRequest, stopServer } from '../src/lib/http/node-server.ts';
import { answerClientError, screenWire } from '../src/lib/http/wire-screen.ts';
import { outFolder } from '../src/lib/site/build-folders.ts';

const outDir = resolve(outFolder());
const entry = join(outDir, 'server', 'entry.mjs');
if (!existsSync(entry)) {
	console.error(`No build found at ${entry}. Run "npm run build" first (or "npm start", which builds and serves).`);
	process.exit(1);
}

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 4321);
// The adapter would start its own server on import; this one wraps its handler instead.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
process.env.HOST = host;
process.env.PORT = String(port);
const handler = readsOnlyOutsideApi((await import(pathToFileURL(entry).href)).handler);

// Old blog URLs, every spelling precomputed by the build, so a request costs one property lookup.
const redirectsFile = join(outDir, 'redirects.json');
const redirects = existsSync(redirectsFile) ? JSON.parse(readFileSync(redirectsFile, 'utf8')) : {};
const baseFile = join(outDir, 'base-path.txt');
const base = existsSync(baseFile) ? readFileSync(baseFile, 'utf8').trim() : '/';

const server = createServer((req, res) => {
	if (screenRequest(req, res) || screenWire(req, res)) return;
	const url = req.url || '/';
	const queryAt = url.indexOf('?');
	const path = queryAt === -1 ? url : url.slice(0, queryAt);
	const outside = answerOutsideBase(path, base, redirects);
	if (outside?.status === 404) {
		res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
		res.end(`Not found. This site is served under ${base}\n`);
		return;
	}
	const target = outside ? outside.location : Object.hasOwn(redirects, path) ? redirects[path] : undefined;
	if (target !== undefined) {
		// 308 keeps the method and body of a POST; browsers treat 301 as "fetch with GET".
		const status = req.method === 'GET' || req.method === 'HEAD' ? 301 : 308;
		res.writeHead(status, { location: target + (queryAt === -1 ? '' : url.slice(queryAt)), 'cache-control': 'public, max-age=3600' });
		res.end();
		return;
	}
	handler(req, res);
});
server.on('clientError', answerClientError);
server.on('error', (error) => {
	console.error(error.code === 'EADDRINUSE' ? `Port ${port} on ${host} is in use. Set PORT to another port.` : error.message);
	process.exit(1);
});
server.listen(port, host, () => {
	const shown = host.includes(':') ? `[${host}]` : host;
	console.log(`Stepcheck is serving on http://${shown}:${server.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
	// A second of grace for requests in progress keeps the whole stop within two seconds.
	process.on(signal, () => stopServer(server, 1_000, () => process.exit(0)));
}
