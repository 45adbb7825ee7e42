import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompanionHandler } from '../../src/companion/server';
import { COMPANION_STATUS_PATH } from '../../src/companion/settings';
import { emitCompanion, startCompanion, TEST_SITE_ORIGIN, type RunningCompanion } from '../support/companion';
import { sendRawBytes } from '../support/raw-http';
import { freePort } from '../support/server';

/**
 * Anything on the wire: the companion answers each malformed request with a JSON 4xx (or
 * Node's own 400 for what is not HTTP), never crashes, never prints a stack, and answers the
 * next good request.
 */
const STACK = /\n\s+at .+[(:]\d+/;

describe('the emitted companion survives hostile requests', () => {
	let emitted: Awaited<ReturnType<typeof emitCompanion>>;
	let companion: RunningCompanion;
	const good = () => fetch(`${companion.url}${COMPANION_STATUS_PATH}`, { headers: { Origin: TEST_SITE_ORIGIN } });

	beforeAll(async () => {
		emitted = await emitCompanion();
		companion = await startCompanion(emitted.file, emitted.folder, { AWS_CONFIG_FILE: '/nonexistent/alice/config' });
	});
	afterAll(async () => {
		await companion?.stop();
		await emitted?.remove();
	});

	const host = () => `127.0.0.1:${companion.port}`;
	it.each([
		['TRACE on a check route', (h: string) => `TRACE /api/checks/cli-mfa HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`],
		['TRACE on the status route', (h: string) => `TRACE ${COMPANION_STATUS_PATH} HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`],
		['CONNECT', (h: string) => `CONNECT /api/checks/cli-mfa HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`],
		['an unknown method', (h: string) => `BREW /api/checks/cli-mfa HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`],
		['an absolute-form URL that does not parse', (h: string) => `GET http://[::1 HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`],
		['a URL that is only slashes', (h: string) => `GET //// HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`],
		['a bad percent-escape', (h: string) => `GET /api/checks/%ZZ HTTP/1.1\r\nHost: ${h}\r\nConnection: close\r\n\r\n`],
		['an invalid header', (h: string) => `GET /api/checks/cli-mfa HTTP/1.1\r\nHost: ${h}\r\nBad Header: x\r\nConnection: close\r\n\r\n`],
		[
			'a POST body that is not JSON',
			(h: string) => `POST /api/checks/cli-mfa HTTP/1.1\r\nHost: ${h}\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{{{{{`,
		],
	])('%s gets a 4xx and the next good request is answered', async (_, request) => {
		const answer = await sendRawBytes(companion.port, request(host()));
		expect(answer.status).toBeGreaterThanOrEqual(400);
		expect(answer.status).toBeLessThan(500);
		if (/json/.test(answer.head)) expect(() => JSON.parse(answer.body)).not.toThrow();
		expect((await good()).status).toBe(200);
		expect(companion.output()).not.toMatch(STACK);
	});

	it('refuses Origin: null on a check route', async () => {
		const response = await fetch(`${companion.url}/api/checks/cli-mfa`, { headers: { Origin: 'null' } });
		expect(response.status).toBe(403);
	});

	it('sends no local path to a page', async () => {
		const response = await fetch(`${companion.url}/api/checks/cli-mfa`, { headers: { Origin: TEST_SITE_ORIGIN } });
		const text = await response.text();
		expect(response.status).toBe(200);
		expect(text).not.toContain('alice');
		expect(text).not.toContain('/nonexistent');
	});

	it('escapes C0 and C1 controls and bidi overrides in its log lines', async () => {
		const request = Buffer.concat([
			Buffer.from(`GET ${COMPANION_STATUS_PATH} HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\nOrigin: https://evil.example`),
			// NEL (a C1 line break) as a raw header byte, then the UTF-8 bytes of a right-to-left override. (Node's parser refuses C0 controls in headers itself.)
			Buffer.from([0x85]),
			Buffer.from('12:00:00 GET mfa: pass'),
			Buffer.from([0xe2, 0x80, 0xae]),
			Buffer.from('\r\n\r\n'),
		]);
		await sendRawBytes(companion.port, request);
		await expect
			.poll(() => companion.output(), { timeout: 3_000 })
			.toMatch(/evil\.example\\u008512:00:00 GET mfa: pass\u00e2\\u0080\u00ae/);
		// eslint-disable-next-line no-control-regex -- finding control characters is the point
		expect(companion.output()).not.toMatch(/[\u0080-\u009f\u001b\u202a-\u202e\u2066-\u2069]/);
	});
});

describe('only accepted requests from an allowed origin keep the companion alive', () => {
	let server: Server;
	let port: number;
	let touches = 0;
	beforeAll(async () => {
		port = await freePort();
		server = createServer(
			createCompanionHandler({ port, origins: [TEST_SITE_ORIGIN], version: 'test', log: () => {}, onRequest: () => touches++ }),
		);
		await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
	});
	afterAll(() => new Promise<void>((done) => server.close(() => done())));

	it('refused, foreign and origin-less requests leave the idle timer alone; an accepted one restarts it', async () => {
		const base = `http://127.0.0.1:${port}`;
		await fetch(`${base}${COMPANION_STATUS_PATH}`, { headers: { Origin: 'https://evil.example' } });
		await fetch(`${base}/nothing-here`, { headers: { Origin: TEST_SITE_ORIGIN } });
		await fetch(`${base}${COMPANION_STATUS_PATH}`, { method: 'DELETE', headers: { Origin: TEST_SITE_ORIGIN } });
		await fetch(`${base}${COMPANION_STATUS_PATH}`);
		await fetch(`${base}${COMPANION_STATUS_PATH}`, { headers: { Origin: 'null' } });
		expect(touches).toBe(0);
		expect((await fetch(`${base}${COMPANION_STATUS_PATH}`, { headers: { Origin: TEST_SITE_ORIGIN } })).status).toBe(200);
		expect(touches).toBe(1);
	});
});
