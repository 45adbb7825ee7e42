import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rawRequest, type RawResponse } from '../support/aws-fixtures';
import { awsEnvFor } from '../support/moto';
import { startSiteServer, type RunningServer } from '../support/server';

/**
 * The Node server (`scripts/serve.mjs`, what `npm start` runs) as an attacker would probe it:
 * what it refuses before Astro sees a request, the headers every answer carries, and how it stops.
 */
const STACK_TRACE = /\bat .+\(.+:\d+:\d+\)|\.(ts|mjs|js):\d+|node_modules/;

function expectNotFramable(response: RawResponse, what: string) {
	expect(response.headers['x-frame-options'], what).toBe('DENY');
	expect(response.headers['content-security-policy'], what).toMatch(/^frame-ancestors 'none'; /);
}

describe('the Node server', () => {
	let server: RunningServer;
	let host: string;
	const get = (path: string, options: { method?: string; headers?: Record<string, string> } = {}) =>
		rawRequest(`${server.url}${path}`, { ...options, headers: { Host: host, ...options.headers } });

	beforeAll(async () => {
		server = await startSiteServer(inject('outDir'), awsEnvFor('http://127.0.0.1:9'));
		host = `127.0.0.1:${server.port}`;
	});
	afterAll(async () => server?.stop());

	it.each(['evil@localhost', 'localhost/x', 'local host', 'a\\b'])(
		'answers a Host like "%s:PORT" with 400 and its reason, before Astro, and logs no stack',
		async (bad) => {
			const response = await get('/api/checks/cli-mfa', { headers: { Host: `${bad}:${server.port}` } });
			expect(response.status).toBe(400);
			expect(response.headers['content-type']).toMatch(/^text\/plain/);
			expect(response.body).toContain('Host');
			expect(response.headers['cache-control']).toBe('no-store');
			expect(server.output()).not.toMatch(STACK_TRACE);
			expect(server.output()).not.toContain('[ERROR]');
		},
	);

	it('sends the headers that stop framing with every answer: pages, files, the 404 page, the API, redirects', async () => {
		const answers = {
			page: await get('/'),
			file: await get('/favicon.svg'),
			notFound: await get('/no-such-page/'),
			api: await get('/api/checks/identity-center'),
			refusedApi: await get('/api/checks/identity-center', { headers: { Host: 'attacker.example' } }),
			redirect: await get('/blog/2019/enable-aws-mfa/'),
		};
		expect(answers.redirect.status).toBe(301);
		for (const [what, response] of Object.entries(answers)) expectNotFramable(response, what);
	});

	it("never lets an API path's answer be cached, Astro's own answers included", async () => {
		const notFound = await get('/api/no-such-endpoint');
		expect(notFound.status).toBe(404);
		expect(notFound.headers['cache-control']).toBe('no-store');
		// Astro refuses a cross-site form post before any Stepcheck code runs.
		const formPost = await get('/api/checks/users-without-mfa', {
			method: 'POST',
			headers: { Origin: 'https://attacker.example', 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		expect(formPost.status).toBe(403);
		expect(formPost.headers['cache-control']).toBe('no-store');
		expect((await get('/guides/')).headers['cache-control']).not.toBe('no-store');
	});

	it('logs no warning per unsupported request', async () => {
		for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
			for (const path of ['/api/checks/cli-mfa', '/api/mfa-status', '/api/mfa-status/account', '/api/mfa-status/policy']) {
				const response = await get(path, { method, headers: { 'Content-Type': 'application/json' } });
				expect(response.status, `${method} ${path}`).toBe(405);
			}
		}
		expect(server.output()).not.toContain('[WARN]');
	});

	it('answers only reads outside the API, before Astro, and logs nothing for the rest', async () => {
		for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
			for (const path of ['/', '/guides/', '/favicon.svg', '/_image', '/no-such-page/']) {
				const response = await get(path, { method, headers: { 'Content-Type': 'application/json' } });
				expect(response.status, `${method} ${path}`).toBe(405);
				expect(response.headers.allow).toBe('GET, HEAD');
				expectNotFramable(response, `${method} ${path}`);
			}
		}
		expect((await get('/guides/', { method: 'HEAD' })).status).toBe(200);
		// Old URLs still redirect every method (the redirect comes first).
		expect((await get('/blog/2019/enable-aws-mfa/', { method: 'POST' })).status).toBe(308);
		expect(server.output()).not.toContain('[WARN]');
	});
});

describe('the Node server stopping', () => {
	it('exits within 2 s of SIGTERM while clients hold connections open', async () => {
		const server = await startSiteServer(inject('outDir'), awsEnvFor('http://127.0.0.1:9'));
		const agent = new Agent({ keepAlive: true, maxSockets: 1 });
		// A browser opens connections before it needs them; this one has sent nothing yet.
		const preconnected = connect(server.port, '127.0.0.1');
		preconnected.on('error', () => {});
		try {
			await new Promise((done) => preconnected.once('connect', done));
			const status = await new Promise<number>((done, fail) => {
				const outgoing = request(`${server.url}/`, { agent }, (response) => {
					response.resume();
					response.on('end', () => done(response.statusCode ?? 0));
				});
				outgoing.on('error', fail);
				outgoing.end();
			});
			expect(status).toBe(200);
			// The connection stays open in the agent's pool, as a browser's would.
			expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);
			const started = Date.now();
			const exited = new Promise<number | null>((done) => server.process.once('exit', (code) => done(code)));
			server.process.kill('SIGTERM');
			const code = await Promise.race([exited, new Promise<'running'>((done) => setTimeout(() => done('running'), 4_000))]);
			expect(code).toBe(0);
			expect(Date.now() - started).toBeLessThan(2_000);
		} finally {
			agent.destroy();
			preconnected.destroy();
			await server.stop();
		}
	});
});
