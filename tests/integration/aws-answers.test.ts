import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListMFADevicesCommand } from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import { createAwsClients, type ClientOverrides } from '../../src/lib/aws/aws-clients';
import { toCheckError } from '../../src/lib/aws/aws-errors';
import { callerIdentity, htmlPage, type FakeScript } from '../support/fake-aws';
import { mfaDevices } from '../support/fake-iam-replies';
import { fakeAwsPerTest } from '../support/fake-aws-per-test';

/**
 * What the SDK clients make of answers that are not AWS's: each must become the error that
 * names it, never an empty result a check would read as a confident verdict.
 */
const FAST_LIMITS: ClientOverrides['limits'] = { connectionTimeout: 500, requestTimeout: 1_000, throwOnRequestTimeout: true };

const aws = fakeAwsPerTest();

async function clientsFor(script: FakeScript) {
	await aws.start(script);
	return createAwsClients({ limits: FAST_LIMITS });
}

/** The error code a call ends with, or `answered` when the SDK returned a result. */
async function outcomeOf(call: () => Promise<unknown>, action: string) {
	try {
		await call();
		return 'answered';
	} catch (error) {
		return toCheckError(action, error).code;
	}
}

describe('answers that are not AWS answers (fake AWS over HTTP)', () => {
	it('reads a real answer', async () => {
		const { iam } = await clientsFor({ ListMFADevices: mfaDevices('alice', ['arn:aws:iam::123456789012:mfa/alice']) });
		const answer = await iam.send(new ListMFADevicesCommand({}));
		expect(answer.MFADevices?.map((device) => device.SerialNumber)).toEqual(['arn:aws:iam::123456789012:mfa/alice']);
	});

	it('calls an HTML page with status 200 unreadable, not an empty list', async () => {
		const { iam } = await clientsFor({ ListMFADevices: htmlPage });
		expect(await outcomeOf(() => iam.send(new ListMFADevicesCommand({})), 'iam:ListMFADevices')).toBe('unparseable-response');
	});

	it('calls an answer for another action unreadable', async () => {
		const { sts } = await clientsFor({ GetCallerIdentity: mfaDevices('alice', []) });
		expect(await outcomeOf(() => sts.send(new GetCallerIdentityCommand({})), 'sts:GetCallerIdentity')).toBe('unparseable-response');
	});

	it('still reads an answer that starts with an XML declaration', async () => {
		const reply = callerIdentity('arn:aws:iam::123456789012:user/alice');
		const { sts } = await clientsFor({ GetCallerIdentity: { body: `<?xml version="1.0" encoding="UTF-8"?>\n${reply.body}` } });
		expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe('arn:aws:iam::123456789012:user/alice');
	});

	it('names a connection reset for what it is, after retrying it', async () => {
		const { sts } = await clientsFor({ GetCallerIdentity: { body: '', reset: true } });
		expect(await outcomeOf(() => sts.send(new GetCallerIdentityCommand({})), 'sts:GetCallerIdentity')).toBe('connection-reset');
		expect(aws.fake.calls.GetCallerIdentity).toBe(3);
	});
});
