import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkResultBaseSchema, endpointRefusalSchema, iamPolicySchema } from '../../src/lib/checks/result-schema';
import { CHECK_IDS, CHECKS, findCheck } from '../../src/lib/checks/registry';
import { rawRequest, type RawResponse } from '../support/aws-fixtures';
import {
	accountSummary,
	awsError,
	callerIdentity,
	htmlPage,
	passwordPolicy,
	startFakeAws,
	type FakeScript,
	type RunningFake,
} from '../support/fake-aws';
import {
	credentialReport,
	getUser,
	mfaDevices,
	reportComplete,
	reportRow,
	simulation,
	everyProbe,
	loginProfile,
} from '../support/fake-iam-replies';
import { awsEnvFor } from '../support/moto';
import { freePort, startSiteServer, type RunningServer } from '../support/server';

// A stack frame (`at fn (file:1:2)`), a source position or a dependency path.
const STACK_TRACE = /\bat .+\(.+:\d+:\d+\)|\.(ts|mjs|js):\d+|node_modules/;
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE5678', AWS_SECRET_ACCESS_KEY: 'fakeSecretValueThatMustNeverAppear111111' };

function expectSafeHeaders(response: RawResponse) {
	expect(response.headers['cache-control']).toBe('no-store');
	expect(response.headers['x-content-type-options']).toBe('nosniff');
	expect(response.headers['content-type']).toMatch(/^application\/json/);
	expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
}

function expectNoSecrets(...texts: string[]) {
	for (const text of texts) {
		expect(text).not.toMatch(STACK_TRACE);
		expect(text).not.toContain(KEYS.AWS_ACCESS_KEY_ID);
		expect(text).not.toContain(KEYS.AWS_SECRET_ACCESS_KEY);
	}
}

describe('/api/checks/<id> over HTTP (built server, fake AWS behind it)', () => {
	let fake: RunningFake;
	let server: RunningServer;
	let host: string;
	let configDir: string;
	const get = (path: string, headers: Record<string, string> = {}) =>
		rawRequest(`${server.url}${path}`, { headers: { Host: host, ...headers } });
	const post = (path: string, headers: Record<string, string> = {}) =>
		rawRequest(`${server.url}${path}`, { method: 'POST', headers: { Host: host, 'Content-Type': 'application/json', ...headers } });
	/**
	 * The server trusts loopback as a proxy, so a test that counts tokens gets a bucket of its
	 * own by naming its own client address; the others share 127.0.0.1's.
	 */
	const asClient = (address: string) => ({ 'X-Forwarded-For': address });

	beforeAll(async () => {
		fake = await startFakeAws({
			GetCallerIdentity: callerIdentity('arn:aws:iam::123456789012:user/alice'),
			GetAccountSummary: accountSummary({
				AccountMFAEnabled: 1,
				AccountPasswordPresent: 1,
				AccountAccessKeysPresent: 1,
				AccountSigningCertificatesPresent: 0,
			}),
			ListMFADevices: mfaDevices('alice', ['arn:aws:iam::123456789012:mfa/alice-phone']),
			GetLoginProfile: loginProfile('alice'),
			GetUser: getUser('mfa-tester'),
			SimulatePrincipalPolicy: simulation(everyProbe('allowed')),
			GenerateCredentialReport: reportComplete,
			GetCredentialReport: credentialReport([reportRow('alice', true, true)]),
			GetAccountPasswordPolicy: passwordPolicy({ MinimumPasswordLength: 14, PasswordReusePrevention: 24 }),
		});
		configDir = await mkdtemp(join(tmpdir(), 'stepcheck-endpoint-'));
		await writeFile(join(configDir, 'config'), '[default]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice-phone\n');
		server = await startSiteServer(inject('outDir'), {
			...awsEnvFor(fake.url, KEYS),
			AWS_CONFIG_FILE: join(configDir, 'config'),
			STEPCHECK_TRUSTED_PROXIES: '127.0.0.1',
		});
		host = `127.0.0.1:${server.port}`;
	});
	afterAll(async () => {
		await server?.stop();
		await fake?.stop();
		await rm(configDir, { recursive: true, force: true });
	});

	it('answers an unknown id with 404 and the list of ids', async () => {
		const response = await get('/api/checks/no-such-check');
		expect(response.status).toBe(404);
		expectSafeHeaders(response);
		const body = endpointRefusalSchema.parse(JSON.parse(response.body));
		expect(body.error).toMatchObject({ code: 'unknown-check', checks: CHECK_IDS });
		expect(body.error.message).toContain('root-user');
	});

	it.each(CHECKS.map((check) => [check.id, check.method] as const))(
		'runs %s (%s) with its schema and the safe headers',
		async (id, method) => {
			const response = method === 'POST' ? await post(`/api/checks/${id}`, { Origin: `http://${host}` }) : await get(`/api/checks/${id}`);
			expect(response.status).toBe(200);
			expectSafeHeaders(response);
			const body = findCheck(id)!.resultSchema.parse(JSON.parse(response.body));
			expect(checkResultBaseSchema.parse(body).check).toBe(id);
			expectNoSecrets(response.body);
		},
	);

	it('passes a valid user name to the policy check', async () => {
		const response = await get('/api/checks/mfa-policy?user=mfa-tester');
		const body = JSON.parse(response.body);
		expect(body.target).toEqual({ userName: 'mfa-tester', arn: 'arn:aws:iam::123456789012:user/mfa-tester' });
		expect(body.verdict).toBe('fail');
	});

	it.each([
		['a slash', 'alice/admin'],
		['a space', 'mfa tester'],
		['65 characters', 'x'.repeat(65)],
		['a script', '<script>'],
	])('refuses a user name with %s before any AWS call', async (_name, user) => {
		const before = { ...fake.calls };
		const response = await get(`/api/checks/mfa-policy?user=${encodeURIComponent(user)}`);
		expect(response.status).toBe(400);
		expectSafeHeaders(response);
		expect(endpointRefusalSchema.parse(JSON.parse(response.body)).error).toMatchObject({
			code: 'bad-request',
			message: expect.stringContaining('not a valid IAM user name'),
		});
		expect(fake.calls).toEqual(before);
	});

	it('refuses a user name on a check that takes none', async () => {
		const response = await get('/api/checks/root-user?user=alice');
		expect(response.status).toBe(400);
		expect(JSON.parse(response.body).error.message).toContain('takes no user name');
	});

	it('answers the wrong method with 405 and Allow', async () => {
		const response = await get('/api/checks/users-without-mfa');
		expect(response.status).toBe(405);
		expect(response.headers.allow).toBe('POST');
		expect(JSON.parse(response.body).error.code).toBe('method-not-allowed');
	});

	it('answers HEAD on a GET check as GET would, without the body', async () => {
		const client = asClient('203.0.113.20');
		const [head, getResponse] = await Promise.all([
			rawRequest(`${server.url}/api/checks/backup-device`, { method: 'HEAD', headers: { Host: host, ...client } }),
			get('/api/checks/backup-device', client),
		]);
		expect(getResponse.status).toBe(200);
		expect(head.status).toBe(200);
		expect(head.body).toBe('');
		expectSafeHeaders(head);
		const onPost = await rawRequest(`${server.url}/api/checks/users-without-mfa`, { method: 'HEAD', headers: { Host: host } });
		expect(onPost.status).toBe(405);
		expect(onPost.headers.allow).toBe('POST');
	});

	// The first URLs of the two first checks call the same handler with the check's id.
	const withoutDate = ({ date: _date, ...headers }: RawResponse['headers']) => headers;
	it.each([
		['GET /api/mfa-status', 'GET', '/api/mfa-status', '/api/checks/mfa'],
		['POST /api/mfa-status/account', 'POST', '/api/mfa-status/account', '/api/checks/users-without-mfa'],
	])('%s answers exactly as its check: result, refusals, wrong method', async (_name, method, alias, target) => {
		const client = asClient('203.0.113.30');
		const variants: Array<[string, { method: string; headers: Record<string, string> }]> = [
			['its own method', { method, headers: { 'Content-Type': 'application/json', Origin: `http://${host}`, ...client } }],
			['a foreign Host', { method, headers: { Host: `attacker.example:${server.port}` } }],
			['a wrong method', { method: 'PUT', headers: { 'Content-Type': 'application/json' } }],
		];
		for (const [variant, options] of variants) {
			const send = (path: string) =>
				rawRequest(`${server.url}${path}`, { method: options.method, headers: { Host: host, ...options.headers } });
			// Together, so the check's single flight gives both the same result (and checkedAt).
			const [fromAlias, fromTarget] = await Promise.all([send(alias), send(target)]);
			expect(fromAlias.status, variant).toBe(fromTarget.status);
			expect(fromAlias.body, variant).toBe(fromTarget.body);
			expect(withoutDate(fromAlias.headers), variant).toEqual(withoutDate(fromTarget.headers));
		}
	});

	it('serves the minimal policy of the two first checks without the guard', async () => {
		const response = await get('/api/mfa-status/policy');
		expect(response.status).toBe(200);
		expectSafeHeaders(response);
		expect(iamPolicySchema.parse(JSON.parse(response.body)).Statement[0]?.Action).toEqual(['iam:ListMFADevices', 'iam:GetLoginProfile']);
		expect((await get('/api/mfa-status/policy?partition=aws-mars')).status).toBe(400);
	});

	it.each([
		['a foreign name on the right port (DNS rebinding)', (port: number) => `attacker.example:${port}`],
		['a loopback name on another port', (port: number) => `localhost:${port + 1}`],
	])('refuses %s with 403, even for an unknown id', async (_name, hostFor) => {
		for (const path of ['/api/checks/root-user', '/api/checks/no-such-check']) {
			const response = await rawRequest(`${server.url}${path}`, { headers: { Host: hostFor(server.port) } });
			expect(response.status).toBe(403);
			expectSafeHeaders(response);
			expect(JSON.parse(response.body).error.code).toBe('forbidden-host');
		}
	});

	it.each([
		['with Sec-Fetch-Site and Origin', { 'Sec-Fetch-Site': 'cross-site', Origin: 'https://attacker.example' }],
		['with only a Referer (an older browser, or a link)', { Referer: 'https://attacker.example/page' }],
	])('refuses a GET another site starts, %s', async (_name, headers) => {
		const response = await get('/api/checks/backup-device', headers);
		expect(response.status).toBe(403);
		expectSafeHeaders(response);
		expect(JSON.parse(response.body).error.code).toBe('forbidden-origin');
	});

	it.each([
		['a foreign Origin', { Origin: 'https://attacker.example' }],
		['no Origin at all', {}],
		['Sec-Fetch-Site same-origin but a foreign Origin', { Origin: 'https://attacker.example', 'Sec-Fetch-Site': 'same-origin' }],
	])('refuses the POST check with %s', async (_name, headers) => {
		const response = await post('/api/checks/users-without-mfa', headers);
		expect(response.status).toBe(403);
		expectSafeHeaders(response);
		expect(JSON.parse(response.body).error.code).toBe('forbidden-origin');
	});

	it('shares one result among identical checks within 5 s', async () => {
		// A bucket of its own: the runs above, one per registered check, may have spent the shared one.
		const client = asClient('203.0.113.41');
		const [first, second] = await Promise.all([1, 2].map(() => get('/api/checks/backup-device', client)));
		expect(JSON.parse(first!.body).checkedAt).toBe(JSON.parse(second!.body).checkedAt);
	});

	it('logs neither keys nor stack traces', () => {
		expectNoSecrets(server.output());
	});

	it('takes no shared token for an account check its own limit refuses', async () => {
		const client = asClient('203.0.113.40');
		const origin = { Origin: `http://${host}`, ...client };
		const accountStatuses = [];
		for (let index = 0; index < 4; index++) accountStatuses.push((await post('/api/checks/users-without-mfa', origin)).status);
		expect(accountStatuses).toEqual([200, 200, 200, 429]);
		// 10 shared tokens, 3 spent by the account checks that ran: 7 left, not 6.
		const statuses: number[] = [];
		for (let index = 0; index < 9 && statuses.at(-1) !== 429; index++) statuses.push((await get('/api/checks/cli-mfa', client)).status);
		expect(statuses.filter((status) => status === 200).length, `statuses: ${statuses.join(', ')}`).toBe(7);
	});

	it('gives each client behind a trusted proxy its own limit', async () => {
		const statuses: number[] = [];
		for (let index = 0; index < 15 && statuses.at(-1) !== 429; index++) {
			statuses.push((await get('/api/checks/identity-center', asClient('203.0.113.50'))).status);
		}
		expect(statuses.at(-1)).toBe(429);
		expect((await get('/api/checks/identity-center', asClient('203.0.113.51'))).status).toBe(200);
	});

	// Last: it spends this client's tokens.
	it('rate-limits one client across all checks and the aliases with one shared limit', async () => {
		const cheap = ['/api/checks/cli-mfa', '/api/checks/identity-center'];
		const statuses: number[] = [];
		for (let index = 0; index < 15 && statuses.at(-1) !== 429; index++) statuses.push((await get(cheap[index % 2]!)).status);
		expect(statuses.at(-1), `statuses: ${statuses.join(', ')}`).toBe(429);
		for (const path of ['/api/checks/root-user', '/api/mfa-status']) {
			const limited = await get(path);
			expect(limited.status, path).toBe(429);
			expectSafeHeaders(limited);
			expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
			expect(JSON.parse(limited.body).error.code).toBe('rate-limited');
		}
	});
});

describe('/api/checks/<id> switches and failures', () => {
	it.each([
		['STEPCHECK_LIVE_CHECKS=off', { STEPCHECK_LIVE_CHECKS: 'off' }, 'STEPCHECK_LIVE_CHECKS=off'],
		['its old name STEPCHECK_MFA_CHECK=off', { STEPCHECK_MFA_CHECK: 'off' }, 'STEPCHECK_MFA_CHECK=off'],
		['local mode on a server listening on every interface', { HOST: '0.0.0.0' }, 'listens on loopback'],
	])('answers 404 with a JSON reason when %s', async (_name, extra, reason) => {
		const server = await startSiteServer(inject('outDir'), { ...awsEnvFor('http://127.0.0.1:9'), ...extra });
		try {
			const response = await rawRequest(`${server.url}/api/checks/root-user`, { headers: { Host: `127.0.0.1:${server.port}` } });
			expect(response.status).toBe(404);
			expectSafeHeaders(response);
			expect(endpointRefusalSchema.parse(JSON.parse(response.body)).error).toMatchObject({
				code: 'disabled',
				message: expect.stringContaining(reason),
			});
		} finally {
			await server.stop();
		}
	});

	it('answers an allowed proxy host in "on" mode, and only that host', async () => {
		const server = await startSiteServer(inject('outDir'), {
			...awsEnvFor('http://127.0.0.1:9'),
			STEPCHECK_LIVE_CHECKS: 'on',
			STEPCHECK_ALLOWED_HOSTS: 'stepcheck.corp.example',
		});
		try {
			const allowed = await rawRequest(`${server.url}/api/checks/identity-center`, { headers: { Host: 'stepcheck.corp.example' } });
			expect(allowed.status).toBe(200);
			const refused = await rawRequest(`${server.url}/api/checks/identity-center`, { headers: { Host: 'other.corp.example' } });
			expect(refused.status).toBe(403);
		} finally {
			await server.stop();
		}
	});

	it('behind an https proxy, takes the default port a browser leaves out, and its scheme', async () => {
		const server = await startSiteServer(inject('outDir'), {
			...awsEnvFor('http://127.0.0.1:9'),
			STEPCHECK_LIVE_CHECKS: 'on',
			STEPCHECK_ALLOWED_HOSTS: 'stepcheck.example:443',
		});
		const send = (method: string, origin?: string) =>
			rawRequest(`${server.url}/api/checks/${method === 'POST' ? 'users-without-mfa' : 'identity-center'}`, {
				method,
				headers: { Host: 'stepcheck.example', 'Content-Type': 'application/json', ...(origin ? { Origin: origin } : {}) },
			});
		try {
			expect((await send('GET')).status).toBe(200);
			// Past the guard: the check runs, and fails to reach the (absent) AWS.
			const same = await send('POST', 'https://stepcheck.example');
			expect(JSON.parse(same.body).errors?.[0]?.code).toBe('connection-failed');
			const otherScheme = await send('POST', 'http://stepcheck.example');
			expect(otherScheme.status).toBe(403);
			expect(JSON.parse(otherScheme.body).error.code).toBe('forbidden-origin');
		} finally {
			await server.stop();
		}
	});

	it('reads no forwarded address unless the peer is a trusted proxy', async () => {
		const server = await startSiteServer(inject('outDir'), awsEnvFor('http://127.0.0.1:9'));
		const send = (client: number) =>
			rawRequest(`${server.url}/api/checks/identity-center`, {
				headers: { Host: `127.0.0.1:${server.port}`, 'X-Forwarded-For': `203.0.113.${client}` },
			});
		try {
			const statuses: number[] = [];
			// A new forged address each time still spends the one bucket of the real peer.
			for (let client = 1; client <= 15 && statuses.at(-1) !== 429; client++) statuses.push((await send(client)).status);
			expect(statuses.at(-1), `statuses: ${statuses.join(', ')}`).toBe(429);
		} finally {
			await server.stop();
		}
	});

	const ALICE = callerIdentity('arn:aws:iam::123456789012:user/alice');
	it.each<[string, () => Promise<Record<string, string>> | Record<string, string>, FakeScript, number, string, string]>([
		[
			'an expired token',
			() => ({}),
			{ GetCallerIdentity: awsError('ExpiredToken', 403, `The security token ${KEYS.AWS_ACCESS_KEY_ID} is expired`) },
			503,
			'sts:GetCallerIdentity',
			'credentials-expired',
		],
		['no credentials', () => ({ AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }), {}, 503, 'sts:GetCallerIdentity', 'no-credentials'],
		[
			'no AWS listening',
			async () => ({ AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${await freePort()}` }),
			{},
			502,
			'sts:GetCallerIdentity',
			'connection-failed',
		],
		['a connection reset', () => ({}), { GetCallerIdentity: { body: '', reset: true } }, 502, 'sts:GetCallerIdentity', 'connection-reset'],
		[
			'a web page answering with 200 (a captive portal)',
			() => ({}),
			{ GetCallerIdentity: ALICE, ListMFADevices: htmlPage },
			// The identity was learned, so the result is partial: 200 with the error, and no verdict.
			200,
			'iam:ListMFADevices',
			'unparseable-response',
		],
	])('answers %s with its error, no verdict, and no key or stack trace', async (_name, extraEnv, script, status, action, code) => {
		const fake = await startFakeAws(script);
		const server = await startSiteServer(inject('outDir'), { ...awsEnvFor(fake.url, KEYS), ...(await extraEnv()) });
		try {
			const response = await rawRequest(`${server.url}/api/checks/backup-device`, { headers: { Host: `127.0.0.1:${server.port}` } });
			expect(response.status).toBe(status);
			expectSafeHeaders(response);
			const body = JSON.parse(response.body);
			expect(body.verdict).toBe('unknown');
			expect(body.errors[0]).toMatchObject({ action, code });
			expectNoSecrets(response.body, server.output());
		} finally {
			await server.stop();
			await fake.stop();
		}
	});
});
