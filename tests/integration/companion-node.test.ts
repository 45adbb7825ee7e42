import { AddUserToGroupCommand, AttachGroupPolicyCommand, CreateGroupCommand, CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHECKS } from '../../src/lib/checks/registry';
import { createMotoUser, rawRequest, useMotoEnvironment, type MotoUserKeys } from '../support/aws-fixtures';
import { emitCompanion, startCompanion, TEST_SITE_ORIGIN, type RunningCompanion } from '../support/companion';
import { MAINTAINED_NODE_VERSIONS, nodeBinary } from '../../scripts/tools.mjs';
import { requireMfaPolicy } from '../support/fake-iam-replies';
import { awsEnvFor, SETUP_KEYS, startMoto, type RunningMoto } from '../support/moto';
import type { CheckResultBase } from '../../src/lib/checks/result-schema';
import { runCheck } from '../support/run-check';

/** Every check that asks AWS; cli-mfa and identity-center make no AWS call. */
const AWS_CHECKS = CHECKS.filter((check) => check.calls.some((call) => call.action.startsWith('iam:')));
const SETUP = { accessKeyId: SETUP_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: SETUP_KEYS.AWS_SECRET_ACCESS_KEY };

/** What a reader sees; the time of the check and the report's age move between two runs. */
const seen = (body: CheckResultBase) => ({
	check: body.check,
	verdict: body.verdict,
	summary: body.summary,
	identity: body.identity,
	facts: body.facts.filter((fact) => fact.label !== 'Report generated'),
	lists: body.lists,
	advice: body.advice,
	errors: body.errors,
});

async function askCompanion(companion: RunningCompanion, id: string, method: string, query = '') {
	const response = await fetch(`${companion.url}/api/checks/${id}${query}`, {
		method,
		headers: { Origin: TEST_SITE_ORIGIN, Accept: 'application/json' },
	});
	return {
		status: response.status,
		cors: response.headers.get('access-control-allow-origin'),
		body: (await response.json()) as CheckResultBase,
	};
}

describe('the emitted companion on maintained Node (22 and 24, from npm) against moto', () => {
	let moto: RunningMoto;
	let emitted: Awaited<ReturnType<typeof emitCompanion>>;
	const users: Record<string, MotoUserKeys> = {};
	const nodes: Record<string, string> = {};

	beforeAll(async () => {
		// The companion never carries the optional policy evaluator; the server here compares without it too.
		vi.stubEnv('STEPCHECK_LOCAL_EVALUATION', 'off');
		[moto, emitted] = await Promise.all([startMoto(), emitCompanion()]);
		for (const version of MAINTAINED_NODE_VERSIONS) nodes[version] = nodeBinary(version);
		useMotoEnvironment(moto);
		const iam = new IAMClient({ credentials: SETUP });
		users['no-mfa'] = await createMotoUser(iam, 'no-mfa', { password: true });
		users['one-device'] = await createMotoUser(iam, 'one-device', { password: true, devices: 1 });
		users['two-devices'] = await createMotoUser(iam, 'two-devices', { password: true, devices: 2 });
		users['mfa-tester'] = await createMotoUser(iam, 'mfa-tester', { devices: 1 });
		await iam.send(new CreateGroupCommand({ GroupName: 'mfa-test' }));
		const policy = await iam.send(
			new CreatePolicyCommand({ PolicyName: 'RequireMFA', PolicyDocument: JSON.stringify(requireMfaPolicy()) }),
		);
		await iam.send(new AttachGroupPolicyCommand({ GroupName: 'mfa-test', PolicyArn: policy.Policy!.Arn! }));
		await iam.send(new AddUserToGroupCommand({ GroupName: 'mfa-test', UserName: 'mfa-tester' }));
		// Installing a Node from npm the first time takes a while.
	}, 600_000);
	afterAll(async () => {
		vi.unstubAllEnvs();
		await moto?.stop();
		await emitted?.remove();
	});

	it.each(MAINTAINED_NODE_VERSIONS)(
		'runs on Node %s from an empty folder, stays under 2 MB, prints identity, origin, port and how to stop, and no warning',
		async (version) => {
			expect(emitted.bytes).toBeLessThanOrEqual(2_000_000);
			const companion = await startCompanion(
				emitted.file,
				emitted.folder,
				awsEnvFor(moto.url, { AWS_ACCESS_KEY_ID: users['no-mfa']!.accessKeyId, AWS_SECRET_ACCESS_KEY: users['no-mfa']!.secretAccessKey }),
				[],
				nodes[version],
			);
			try {
				await expect
					.poll(() => companion.output(), { timeout: 10_000 })
					.toContain('AWS identity: account 123456789012, arn:aws:iam::123456789012:user/no-mfa');
				expect(companion.output()).toContain(`Answers pages from: ${TEST_SITE_ORIGIN}`);
				expect(companion.output()).toContain(`listening on http://127.0.0.1:${companion.port}`);
				expect(companion.output()).toContain('Stop it with Ctrl+C');
				await askCompanion(companion, 'root-user', 'GET');
				await expect.poll(() => companion.output()).toContain(`GET root-user from ${TEST_SITE_ORIGIN}: fail`);
			} finally {
				await companion.stop();
			}
			expect(companion.output()).toContain('Ctrl+C. Stepcheck companion stopped.');
			// Neither Node nor the AWS SDK warns (the SDK warns on a Node it is about to drop).
			expect(companion.errors()).toBe('');
		},
	);

	it('--help names the origins it answers and its port', async () => {
		const { execFile } = await import('node:child_process');
		const help = await new Promise<string>((resolve, reject) =>
			execFile(nodes['22.23.3']!, [emitted.file, '--help'], { cwd: emitted.folder }, (error, stdout, stderr) =>
				error ? reject(error) : resolve(stdout + stderr),
			),
		);
		expect(help).toContain(`Answers pages from: ${TEST_SITE_ORIGIN}`);
		expect(help).toContain('Listens on: http://127.0.0.1:4319');
	});

	it.each([
		['no-mfa', ''],
		['one-device', ''],
		['two-devices', ''],
		['mfa-tester', ''],
		['no-mfa', '?user=mfa-tester'],
	])('gives the same answers as the server for %s %s', async (name, query) => {
		const keys = users[name]!;
		const companion = await startCompanion(
			emitted.file,
			emitted.folder,
			awsEnvFor(moto.url, { AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey }),
		);
		try {
			for (const check of AWS_CHECKS) {
				const input = query && check.input ? { userName: query.slice('?user='.length) } : {};
				const server = await runCheck(check, { credentials: keys, input });
				const answer = await askCompanion(companion, check.id, check.method, check.input ? query : '');
				expect(answer.status, check.id).toBe(server.status);
				expect(answer.cors).toBe(TEST_SITE_ORIGIN);
				expect(seen(check.resultSchema.parse(answer.body) as CheckResultBase), check.id).toEqual(seen(server.body));
				// moto has no policy simulator, and the companion no local evaluator: neither decides.
				if (check.id === 'mfa-policy') expect((answer.body as { method?: unknown }).method, check.id).toBeNull();
			}
		} finally {
			await companion.stop();
		}
	});

	describe('who it answers', () => {
		let companion: RunningCompanion;
		beforeAll(async () => {
			companion = await startCompanion(emitted.file, emitted.folder, awsEnvFor(moto.url), [
				'--allow-origin',
				'https://preview.stepcheck.test',
			]);
		});
		afterAll(async () => companion?.stop());

		it('refuses a foreign origin with 403 and no CORS headers, on the check and the preflight; the status route’s refusal is readable', async () => {
			const status = await rawRequest(`${companion.url}/api/companion`, {
				headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
			});
			// So the refused page can say "the companion refused this origin"; it learns nothing else.
			expect(status.status).toBe(403);
			expect(status.headers['access-control-allow-origin']).toBe('https://evil.example');
			expect(JSON.parse(status.body)).toEqual({ error: { code: 'forbidden-origin', message: expect.any(String) } });
			for (const [method, path] of [
				['GET', '/api/checks/mfa'],
				['OPTIONS', '/api/checks/users-without-mfa'],
			] as const) {
				const answer = await rawRequest(`${companion.url}${path}`, {
					method,
					headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Sec-Fetch-Site': 'cross-site' },
				});
				expect(answer.status, `${method} ${path}`).toBe(403);
				expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
			}
		});

		it('refuses a foreign Host (DNS rebinding) with 403', async () => {
			const answer = await rawRequest(`${companion.url}/api/checks/mfa`, {
				headers: { Host: `rebind.evil.example:${companion.port}`, Origin: TEST_SITE_ORIGIN },
			});
			expect(answer.status).toBe(403);
			expect(JSON.parse(answer.body).error.code).toBe('forbidden-host');
		});

		it('answers a preflight from the site and from --allow-origin, Private Network Access header included', async () => {
			for (const origin of [TEST_SITE_ORIGIN, 'https://preview.stepcheck.test']) {
				const answer = await rawRequest(`${companion.url}/api/checks/users-without-mfa`, {
					method: 'OPTIONS',
					headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Private-Network': 'true' },
				});
				expect(answer.status).toBe(204);
				expect(answer.headers['access-control-allow-origin']).toBe(origin);
				expect(answer.headers['access-control-allow-private-network']).toBe('true');
				expect(answer.headers['access-control-allow-methods']).toContain('POST');
			}
		});

		it('serves its status with the result contract version, never cached, and nothing else', async () => {
			const status = await fetch(`${companion.url}/api/companion`, { headers: { Origin: TEST_SITE_ORIGIN } });
			expect(status.headers.get('cache-control')).toBe('no-store');
			expect(await status.json()).toMatchObject({ service: 'stepcheck-companion', schemaVersion: 1, version: '0.0.0-test' });
			for (const path of ['/', '/index.html', '/companion/stepcheck-companion.mjs', '/api/checks/../../etc/passwd', '/api/mfa-status']) {
				const other = await fetch(`${companion.url}${path}`, { headers: { Origin: TEST_SITE_ORIGIN } });
				expect(other.status, path).toBe(404);
				expect(other.headers.get('access-control-allow-origin')).toBeNull();
			}
		});
	});
});
