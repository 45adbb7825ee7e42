import { describe, expect, it } from 'vitest';
import type { ClientOverrides } from '../../src/lib/aws/aws-clients';
import { findCheck } from '../../src/lib/checks/registry';
import { accountSummary, awsError, callerIdentity, type FakeScript } from '../support/fake-aws';
import { fakeAwsPerTest } from '../support/fake-aws-per-test';
import { awsEnvFor } from '../support/moto';
import { runCheck } from '../support/run-check';
import { freePort } from '../support/server';

const ROOT_ARN = 'arn:aws:iam::123456789012:root';
const USER_ARN = 'arn:aws:iam::123456789012:user/alice';
const MFA = findCheck('mfa')!;
const FAST_LIMITS: ClientOverrides['limits'] = { connectionTimeout: 300, requestTimeout: 300, throwOnRequestTimeout: true };

const aws = fakeAwsPerTest();

async function checkAgainst(script: FakeScript, options: { limits?: ClientOverrides['limits']; signal?: AbortSignal } = {}) {
	await aws.start(script);
	const started = Date.now();
	const outcome = await runCheck(MFA, { limits: options.limits, signal: options.signal });
	return { ...outcome, elapsed: Date.now() - started };
}

describe('root caller (fake AWS)', () => {
	it.each([
		['with MFA', { AccountMFAEnabled: 1, AccountPasswordPresent: 1 }, 'pass'],
		['without MFA but with a password', { AccountMFAEnabled: 0, AccountPasswordPresent: 1 }, 'fail'],
		['without a password (central root access)', { AccountMFAEnabled: 0, AccountPasswordPresent: 0 }, 'pass'],
	])('%s', async (_name, summary, verdict) => {
		const { status, body } = await checkAgainst({
			GetCallerIdentity: callerIdentity(ROOT_ARN),
			GetAccountSummary: accountSummary(summary),
		});
		expect(status).toBe(200);
		expect(body.identity?.type).toBe('root');
		expect(body.verdict).toBe(verdict);
		expect(aws.fake.calls).toEqual({ GetCallerIdentity: 1, GetAccountSummary: 1 });
	});
});

describe('faults (fake AWS)', () => {
	it('retries throttling with backoff and then succeeds', async () => {
		const { body } = await checkAgainst({
			GetCallerIdentity: [awsError('Throttling', 400, 'Rate exceeded'), callerIdentity(ROOT_ARN)],
			GetAccountSummary: [
				awsError('Throttling', 400),
				awsError('Throttling', 400),
				accountSummary({ AccountMFAEnabled: 1, AccountPasswordPresent: 1 }),
			],
		});
		expect(body.verdict).toBe('pass');
		expect(body.errors).toEqual([]);
		expect(aws.fake.calls).toEqual({ GetCallerIdentity: 2, GetAccountSummary: 3 });
	});

	it('reports throttling that outlasts three attempts', async () => {
		const { status, body } = await checkAgainst({ GetCallerIdentity: awsError('Throttling', 400) });
		expect(status).toBe(503);
		expect(body.errors).toEqual([
			{ action: 'sts:GetCallerIdentity', code: 'throttled', message: expect.stringContaining('Wait a minute') },
		]);
		expect(aws.fake.calls.GetCallerIdentity).toBe(3);
		expect(body.couldNotCheck).toEqual({ cause: 'rate-limited', message: body.errors[0]!.message, retryAfterSeconds: 60 });
	});

	it('throws on a response slower than the request time-out instead of waiting for it', async () => {
		const { status, body, elapsed } = await checkAgainst(
			{ GetCallerIdentity: { ...callerIdentity(ROOT_ARN), delayMs: 4_000 } },
			{ limits: FAST_LIMITS },
		);
		expect(status).toBe(504);
		expect(body.errors[0]?.code).toBe('timed-out');
		expect(body.verdict).toBe('unknown');
		expect(body.couldNotCheck?.cause).toBe('unreachable');
		// Three 300 ms attempts plus backoff, far below the 4 s the slow answer would take.
		expect(elapsed).toBeLessThan(3_500);
	});

	it('stops the whole check at its deadline', async () => {
		const { status, body, elapsed } = await checkAgainst(
			{ GetCallerIdentity: { ...callerIdentity(ROOT_ARN), delayMs: 4_000 } },
			{ signal: AbortSignal.timeout(500) },
		);
		expect(status).toBe(504);
		expect(body.errors[0]?.code).toBe('deadline-exceeded');
		expect(body.couldNotCheck?.cause).toBe('unreachable');
		expect(elapsed).toBeLessThan(2_000);
	});

	it('reports an IAM outage (500s) after retries, keeping what succeeded', async () => {
		const { status, body } = await checkAgainst({
			GetCallerIdentity: callerIdentity(USER_ARN),
			ListMFADevices: {
				status: 500,
				body: '<ErrorResponse><Error><Code>InternalFailure</Code><Message>x</Message></Error></ErrorResponse>',
			},
			GetLoginProfile: {
				body: '<GetLoginProfileResponse><GetLoginProfileResult><LoginProfile><UserName>alice</UserName><CreateDate>2024-01-01T00:00:00Z</CreateDate></LoginProfile></GetLoginProfileResult></GetLoginProfileResponse>',
			},
		});
		expect(status).toBe(200);
		expect(body.identity?.userName).toBe('alice');
		expect(body.consolePassword).toBe(true);
		expect(body.verdict).toBe('unknown');
		expect(body.errors).toEqual([
			{ action: 'iam:ListMFADevices', code: 'aws-unavailable', message: expect.stringContaining('server error') },
		]);
		expect(aws.fake.calls.ListMFADevices).toBe(3);
		expect(body.couldNotCheck?.cause).toBe('unreachable');
	});

	it('reports a malformed body', async () => {
		const { status, body } = await checkAgainst({
			GetCallerIdentity: { body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws' },
		});
		expect(status).toBe(502);
		expect(body.errors[0]?.code).toBe('unparseable-response');
	});

	it('reports an expired token', async () => {
		const { status, body } = await checkAgainst({
			GetCallerIdentity: awsError('ExpiredToken', 403, 'The security token included in the request is expired'),
		});
		expect(status).toBe(503);
		expect(body.errors).toEqual([
			{ action: 'sts:GetCallerIdentity', code: 'credentials-expired', message: expect.stringContaining('expired') },
		]);
		expect(JSON.stringify(body)).not.toContain('security token included');
		expect(body.couldNotCheck?.cause).toBe('credentials-rejected');
	});

	it('reports a refused connection', async () => {
		const port = await freePort();
		Object.assign(process.env, awsEnvFor(`http://127.0.0.1:${port}`));
		const { status, body } = await runCheck(MFA, { limits: FAST_LIMITS });
		expect(status).toBe(502);
		expect(body.errors[0]?.code).toBe('connection-failed');
		expect(body.verdict).toBe('unknown');
		expect(body.couldNotCheck).toEqual({ cause: 'unreachable', message: expect.stringContaining('Could not connect to AWS') });
	});

	it('reports missing credentials', async () => {
		const fake = await aws.start({ GetCallerIdentity: callerIdentity(ROOT_ARN) });
		const env = awsEnvFor(fake.url);
		delete process.env.AWS_ACCESS_KEY_ID;
		delete process.env.AWS_SECRET_ACCESS_KEY;
		try {
			const { status, body } = await runCheck(MFA);
			expect(status).toBe(503);
			expect(body.errors[0]?.code).toBe('no-credentials');
			expect(body.couldNotCheck?.cause).toBe('no-credentials');
			expect(body.couldNotCheck?.message).not.toMatch(/restart Stepcheck|README|npm/);
			expect(fake.calls).toEqual({});
		} finally {
			Object.assign(process.env, env);
		}
	});
});
