import { createServer } from 'node:http';
import { freePort } from './server';

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
