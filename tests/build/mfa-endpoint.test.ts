import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mfaResultSchema as mfaStatusSchema } from '../../src/lib/checks/mfa';
import { endpointRefusalSchema, iamPolicySchema } from '../../src/lib/checks/result-schema';
import { usersWithoutMfaResultSchema as accountPostureSchema } from '../../src/lib/checks/users-without-mfa';
import { motoUserEnv, rawRequest, type RawResponse } from '../support/aws-fixtures';
import { awsError, startFakeAws, type RunningFake } from '../support/fake-aws';
import { awsEnvFor, startMoto, type RunningMoto } from '../support/moto';
import { freePort, startSiteServer, type RunningServer } from '../support/server';

const STACK_TRACE = /\bat .+\(|\.(ts|mjs|js):\d+|node_modules/;

function expectSafeHeaders(response: RawResponse) {
	expect(response.headers['cache-control']).toBe('no-store');
	expect(response.headers['x-content-type-options']).toBe('nosniff');
	expect(response.headers['content-type']).toMatch(/^application\/json/);
	expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
}

describe('MFA endpoint over HTTP (built server, moto behind it)', () => {
	let moto: RunningMoto;
	let server: RunningServer;
	let env: Record<string, string>;
	let host: string;

	beforeAll(async () => {
		moto = await startMoto();
		env = await motoUserEnv(moto, 'alice', { mfa: true });
		server = await startSiteServer(inject('outDir'), env);
		host = `127.0.0.1:${server.port}`;
	});
	afterAll(async () => {
		await server?.stop();
		await moto?.stop();
	});

	it('answers a same-host GET with the schema, the safe headers and no CORS', async () => {
		const response = await rawRequest(`${server.url}/api/mfa-status`, { headers: { Host: host } });
		expect(response.status).toBe(200);
		expectSafeHeaders(response);
		const body = mfaStatusSchema.parse(JSON.parse(response.body));
		expect(body).toMatchObject({ verdict: 'pass', identity: { type: 'iam-user', userName: 'alice' } });
		expect(response.body).not.toContain(env.AWS_ACCESS_KEY_ID);
		expect(response.body).not.toContain(env.AWS_SECRET_ACCESS_KEY);
	});

	it.each([
		['a foreign name on the right port (DNS rebinding)', (port: number) => `attacker.example:${port}`],
		['a loopback name on another port', (port: number) => `localhost:${port + 1}`],
	])('refuses %s with 403', async (_name, hostFor) => {
		const response = await rawRequest(`${server.url}/api/mfa-status`, { headers: { Host: hostFor(server.port) } });
		expect(response.status).toBe(403);
		expectSafeHeaders(response);
		expect(endpointRefusalSchema.parse(JSON.parse(response.body)).error.code).toBe('forbidden-host');
	});

	it('refuses a GET another site starts', async () => {
		const response = await rawRequest(`${server.url}/api/mfa-status`, {
			headers: { Host: host, 'Sec-Fetch-Site': 'cross-site', Origin: 'https://attacker.example' },
		});
		expect(response.status).toBe(403);
		expect(JSON.parse(response.body).error.code).toBe('forbidden-origin');
	});

	it.each([
		['a foreign Origin', { Origin: 'https://attacker.example' }],
		['no Origin at all', {}],
		['Sec-Fetch-Site same-origin but a foreign Origin', { Origin: 'https://attacker.example', 'Sec-Fetch-Site': 'same-origin' }],
	])('refuses the account POST with %s', async (_name, headers) => {
		// A JSON body type gets past Astro's own form-origin check, so this reaches Stepcheck's guard.
		const response = await rawRequest(`${server.url}/api/mfa-status/account`, {
			method: 'POST',
			headers: { Host: host, 'Content-Type': 'application/json', ...headers },
		});
		expect(response.status).toBe(403);
		expectSafeHeaders(response);
		expect(JSON.parse(response.body).error.code).toBe('forbidden-origin');
	});

	it('also refuses a cross-site form POST (Astro checks form posts before Stepcheck does)', async () => {
		const response = await rawRequest(`${server.url}/api/mfa-status/account`, {
			method: 'POST',
			headers: { Host: host, Origin: 'https://attacker.example', 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		expect(response.status).toBe(403);
		expect(response.body).not.toContain('schemaVersion');
	});

	it('runs the account POST from the same origin', async () => {
		const response = await rawRequest(`${server.url}/api/mfa-status/account`, {
			method: 'POST',
			headers: { Host: host, Origin: `http://${host}`, 'Content-Type': 'application/json' },
		});
		expect(response.status).toBe(200);
		expectSafeHeaders(response);
		const body = accountPostureSchema.parse(JSON.parse(response.body));
		expect(body.report?.usersWithoutMfa).toEqual([]);
		expect(body.report?.userCount).toBe(1);
	});

	it('serves the minimal policy', async () => {
		const response = await rawRequest(`${server.url}/api/mfa-status/policy`, { headers: { Host: host } });
		expect(response.status).toBe(200);
		expectSafeHeaders(response);
		expect(iamPolicySchema.parse(JSON.parse(response.body)).Statement[0]?.Action).toEqual(['iam:ListMFADevices', 'iam:GetLoginProfile']);
	});

	it('shares one result among identical checks within 5 s', async () => {
		const bodies = await Promise.all([1, 2].map(() => rawRequest(`${server.url}/api/mfa-status`, { headers: { Host: host } })));
		const [first, second] = bodies.map((response) => mfaStatusSchema.parse(JSON.parse(response.body)));
		expect(first?.checkedAt).toBe(second?.checkedAt);
	});

	it('rate-limits one client with 429 and Retry-After', async () => {
		const statuses: number[] = [];
		let limited: RawResponse | undefined;
		for (let index = 0; index < 15 && !limited; index++) {
			const response = await rawRequest(`${server.url}/api/mfa-status`, { headers: { Host: host } });
			statuses.push(response.status);
			if (response.status === 429) limited = response;
		}
		expect(limited, `statuses: ${statuses.join(', ')}`).toBeDefined();
		expectSafeHeaders(limited!);
		expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
		expect(JSON.parse(limited!.body).error.code).toBe('rate-limited');
	});

	it('logs neither keys nor raw SDK messages', () => {
		expect(server.output()).not.toContain(env.AWS_ACCESS_KEY_ID);
		expect(server.output()).not.toContain(env.AWS_SECRET_ACCESS_KEY);
	});
});

describe('MFA endpoint switches', () => {
	it.each([
		['STEPCHECK_MFA_CHECK=off', { STEPCHECK_MFA_CHECK: 'off' }, 'STEPCHECK_MFA_CHECK=off'],
		['local mode on a server listening on every interface', { HOST: '0.0.0.0' }, 'listens on loopback'],
	])('answers 404 with a JSON reason when %s', async (_name, extra, reason) => {
		const server = await startSiteServer(inject('outDir'), { ...awsEnvFor('http://127.0.0.1:9'), ...extra });
		try {
			const response = await rawRequest(`${server.url}/api/mfa-status`, { headers: { Host: `127.0.0.1:${server.port}` } });
			expect(response.status).toBe(404);
			expectSafeHeaders(response);
			const body = endpointRefusalSchema.parse(JSON.parse(response.body));
			expect(body.error).toMatchObject({ code: 'disabled', message: expect.stringContaining(reason) });
		} finally {
			await server.stop();
		}
	});

	it('answers an allowed proxy host in "on" mode', async () => {
		const server = await startSiteServer(inject('outDir'), {
			...awsEnvFor('http://127.0.0.1:9'),
			STEPCHECK_MFA_CHECK: 'on',
			STEPCHECK_ALLOWED_HOSTS: 'stepcheck.corp.example',
		});
		try {
			const allowed = await rawRequest(`${server.url}/api/mfa-status/policy`, { headers: { Host: 'stepcheck.corp.example' } });
			expect(allowed.status).toBe(200);
			const checked = await rawRequest(`${server.url}/api/mfa-status`, { headers: { Host: 'stepcheck.corp.example' } });
			expect(checked.status).toBe(502);
			const refused = await rawRequest(`${server.url}/api/mfa-status`, { headers: { Host: 'other.corp.example' } });
			expect(refused.status).toBe(403);
		} finally {
			await server.stop();
		}
	});
});

describe('MFA endpoint errors never leak secrets or stack traces', () => {
	let fake: RunningFake;
	const keys = { AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE1234', AWS_SECRET_ACCESS_KEY: 'fakeSecretValueThatMustNeverAppear000000' };

	beforeAll(async () => {
		fake = await startFakeAws({ GetCallerIdentity: awsError('ExpiredToken', 403, 'The security token AKIAFAKEFAKEFAKE1234 is expired') });
	});
	afterAll(async () => fake?.stop());

	it.each([
		['expired token', () => awsEnvFor(fake.url, keys), 503, 'credentials-expired'],
		['connection refused', async () => awsEnvFor(`http://127.0.0.1:${await freePort()}`, keys), 502, 'connection-failed'],
		['no credentials', () => ({ ...awsEnvFor(fake.url), AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }), 503, 'no-credentials'],
	])('%s', async (_name, envFor, status, code) => {
		const server = await startSiteServer(inject('outDir'), await envFor());
		try {
			const response = await rawRequest(`${server.url}/api/mfa-status`, { headers: { Host: `127.0.0.1:${server.port}` } });
			expect(response.status).toBe(status);
			expectSafeHeaders(response);
			const body = mfaStatusSchema.parse(JSON.parse(response.body));
			expect(body.errors[0]?.code).toBe(code);
			for (const text of [response.body, server.output()]) {
				expect(text).not.toMatch(STACK_TRACE);
				expect(text).not.toContain(keys.AWS_ACCESS_KEY_ID);
				expect(text).not.toContain(keys.AWS_SECRET_ACCESS_KEY);
			}
		} finally {
			await server.stop();
		}
	});
});
