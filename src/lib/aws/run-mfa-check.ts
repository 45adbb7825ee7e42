import { GetAccountSummaryCommand, GetLoginProfileCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { AwsClients } from './aws-clients';
import { HTTP_STATUS_FOR_ERROR, UnreadableResponseError, errorFacts, toCheckError } from './aws-errors';
import { classifyIdentity } from './identity';
import { listMfaDevices } from './list-mfa-devices';
import { minimalPolicy } from './minimal-policy';
import { MFA_STATUS_SCHEMA_VERSION, type CheckError, type Device, type Identity, type MfaStatus } from './mfa-status-schema';
import { decideVerdict, type AccountSummaryFacts } from './verdict';

export interface CheckOutcome<T> {
	status: number;
	body: T;
}

/** A call that either yields its value or the teaching error; one failure never sinks the others. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; error: CheckError; cause: unknown };

export async function attempt<T>(action: string, call: () => Promise<T>): Promise<Attempt<T>> {
	try {
		return { ok: true, value: await call() };
	} catch (cause) {
		return { ok: false, error: toCheckError(action, cause), cause };
	}
}

const UNKNOWN_IDENTITY: Identity = { type: 'unknown', arn: null, account: null, partition: null };

export async function whoAmI(clients: AwsClients, signal: AbortSignal): Promise<Attempt<Identity>> {
	return attempt('sts:GetCallerIdentity', async () => {
		const answer = await clients.sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
		if (!answer.Arn) throw new UnreadableResponseError('GetCallerIdentity returned no Arn');
		return classifyIdentity(answer.Arn, answer.Account ?? null);
	});
}

async function hasConsolePassword(clients: AwsClients, userName: string, signal: AbortSignal): Promise<boolean> {
	try {
		await clients.iam.send(new GetLoginProfileCommand({ UserName: userName }), { abortSignal: signal });
		return true;
	} catch (error) {
		// NoSuchEntity is the answer "no console password", not a failure.
		const { name, code } = errorFacts(error);
		if (name === 'NoSuchEntityException' || name === 'NoSuchEntity' || code === 'NoSuchEntity') return false;
		throw error;
	}
}

async function readAccountSummary(clients: AwsClients, signal: AbortSignal): Promise<AccountSummaryFacts> {
	const answer = await clients.iam.send(new GetAccountSummaryCommand({}), { abortSignal: signal });
	const map = answer.SummaryMap ?? {};
	if (map.AccountMFAEnabled === undefined) throw new UnreadableResponseError('SummaryMap lacks AccountMFAEnabled');
	return { mfaEnabled: map.AccountMFAEnabled === 1, passwordPresent: map.AccountPasswordPresent !== 0 };
}

export function policyIfDenied(errors: CheckError[], partition: string | null) {
	return errors.some((error) => error.code === 'access-denied') ? minimalPolicy(partition ?? 'aws') : null;
}

/**
 * Runs the check for the identity behind the server's credentials. `GetCallerIdentity`
 * (which needs no permission) decides the identity type; the calls that type needs then run
 * in parallel. Any call may fail alone: its error is reported and the verdict is reached from
 * what did succeed.
 */
export async function runMfaCheck(
	clients: AwsClients,
	signal: AbortSignal,
	now: () => Date = () => new Date(),
): Promise<CheckOutcome<MfaStatus>> {
	const base = { schemaVersion: MFA_STATUS_SCHEMA_VERSION, devices: [] as Device[], consolePassword: null as boolean | null };
	const who = await whoAmI(clients, signal);
	if (!who.ok) {
		const { verdict, summary, advice } = decideVerdict({
			identity: UNKNOWN_IDENTITY,
			accountSummary: null,
			devices: null,
			consolePassword: null,
		});
		return {
			status: HTTP_STATUS_FOR_ERROR[who.error.code],
			body: {
				...base,
				identity: UNKNOWN_IDENTITY,
				verdict,
				summary,
				advice,
				errors: [who.error],
				minimalPolicy: null,
				checkedAt: now().toISOString(),
			},
		};
	}
	const identity = who.value;
	const errors: CheckError[] = [];
	let accountSummary: AccountSummaryFacts | null = null;
	let devices: Device[] | null = null;
	let consolePassword: boolean | null = null;

	if (identity.type === 'root') {
		const summary = await attempt('iam:GetAccountSummary', () => readAccountSummary(clients, signal));
		if (summary.ok) accountSummary = summary.value;
		else errors.push(summary.error);
	} else if (identity.type === 'iam-user' && identity.userName) {
		const userName = identity.userName;
		const [listed, password] = await Promise.all([
			attempt('iam:ListMFADevices', () => listMfaDevices(clients.iam, userName, signal)),
			attempt('iam:GetLoginProfile', () => hasConsolePassword(clients, userName, signal)),
		]);
		if (listed.ok) devices = listed.value;
		else errors.push(listed.error);
		if (password.ok) consolePassword = password.value;
		else errors.push(password.error);
	}

	const { verdict, summary, advice } = decideVerdict({ identity, accountSummary, devices, consolePassword });
	return {
		// A partial result is still a result: the errors list says what is missing.
		status: 200,
		body: {
			...base,
			identity,
			verdict,
			summary,
			devices: devices ?? [],
			consolePassword,
			advice,
			errors,
			minimalPolicy: policyIfDenied(errors, identity.partition),
			checkedAt: now().toISOString(),
		},
	};
}
