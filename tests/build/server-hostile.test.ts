import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { awsEnvFor } from '../support/moto';
import { sendRawBytes } from '../support/raw-http';
import { startSiteServer, type RunningServer } from '../support/server';

/**
 * The Node server fed what no browser sends: each request gets a JSON 4xx, nothing reaches
 * the log as a stack trace, and the next good request is answered.
 */
const STACK_TRACE = /\bat .+\(.+:\d+:\d+\)|\.(ts|mjs|js):\d+|node_modules/;

describe('the Node server survives hostile requests', () => {
	let server: RunningServer;
	let host: string;
	beforeAll(async () => {
		server = await startSiteServer(inject('outDir'), awsEnvFor('http://127.0.0.1:9'));
		host = `127.0.0.1:${server.port}`;
	});
	afterAll(async () => server?.stop());

	const raw = (line: string, headers = '') => sendRawBytes(server.port, `${line}\r\nHost: ${host}\r\n${headers}Connection: close\r\n\r\n`);

	it.each([
		['TRACE on a check route', 'TRACE /api/checks/cli-mfa HTTP/1.1'],
		['TRACK on a page', 'TRACK /guides/ HTTP/1.1'],
		['a made-up method on a check route', 'BREW /api/checks/mfa HTTP/1.1'],
		['an absolute-form target', 'GET http://evil.example/api/checks/cli-mfa HTTP/1.1'],
		['a target that is not a path', 'GET * HTTP/1.1'],
	])('%s gets a JSON 4xx, logs no stack, and the next request is answered', async (_, line) => {
		const answer = await raw(line);
		expect(answer.status).toBeGreaterThanOrEqual(400);
		expect(answer.status).toBeLessThan(500);
		expect(answer.head).toMatch(/content-type: application\/json/i);
		expect(() => JSON.parse(answer.body)).not.toThrow();
		expect(server.output()).not.toMatch(STACK_TRACE);
		expect((await fetch(`${server.url}/guides/`)).status).toBe(200);
	});

	it('refuses Origin: null on a check route, with or without Sec-Fetch-Site', async () => {
		for (const headers of [{ Origin: 'null' }, { Origin: 'null', 'Sec-Fetch-Site': 'same-origin' }] as Record<string, string>[]) {
			const response = await fetch(`${server.url}/api/checks/identity-center`, { headers });
			expect(response.status).toBe(403);
			expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden-origin');
		}
	});

	it('answers paths with backslashes and doubled slashes as their tidy form, never with a Location to another host', async () => {
		for (const path of ['/\\evil.example/..', '//evil.example/..', '/guides//turn-on-mfa-aws//']) {
			const answer = await raw(`GET ${path} HTTP/1.1`);
			const location = /^location: (.*)$/im.exec(answer.head)?.[1]?.trim();
			if (location) expect(location).not.toMatch(/^(?:[/\\]{2}|\/\\|\\)/);
			expect(answer.status).toBeLessThan(500);
		}
		expect((await raw('GET /guides//turn-on-mfa-aws// HTTP/1.1')).status).toBe(200);
	});
});
