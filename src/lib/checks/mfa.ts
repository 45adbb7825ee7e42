import { z } from 'astro/zod';
import { DEVICE_TYPE_LABELS } from '../aws/devices';
import { deviceSchema, identitySchema, type Device, type Identity } from '../aws/mfa-status-schema';
import { runMfaCheck } from '../aws/run-mfa-check';
import { checkResultBaseSchema, type CheckDefinition, type Fact, type FactList } from './check-definition';
import { policyForCalls } from './check-policy';

/**
 * The first check (issue 5): is MFA on for the identity behind the server's credentials?
 * Its runner and verdict live in `src/lib/aws/` (`runMfaCheck`, `decideVerdict`); this module
 * declares it like every other check, and `/api/mfa-status` stays an alias of `/api/checks/mfa`.
 */
export const mfaResultSchema = checkResultBaseSchema.extend({
	identity: identitySchema,
	devices: z.array(deviceSchema),
	consolePassword: z.boolean().nullable(),
});
export type MfaResult = z.infer<typeof mfaResultSchema>;

/**
 * The console password as a fact and the devices (type, serial, enable date) as a list, for
 * the generic island. Both only for IAM users: IAM does not see other identities' MFA.
 */
export function mfaDetails(identity: Identity, devices: Device[], consolePassword: boolean | null): { facts: Fact[]; lists: FactList[] } {
	if (identity.type !== 'iam-user') return { facts: [], lists: [] };
	const password = consolePassword === null ? 'Unknown' : consolePassword ? 'Yes' : 'No';
	const items = devices.map(
		(device) =>
			`${DEVICE_TYPE_LABELS[device.type]}, ${device.serial}${device.enabledAt ? `, enabled ${device.enabledAt.slice(0, 10)}` : ''}`,
	);
	return { facts: [{ label: 'Console password', value: password }], lists: [{ label: 'MFA devices', items }] };
}

const calls = [
	{ action: 'sts:GetCallerIdentity', resource: 'account', needsPermission: false, reason: 'it needs no permission.' },
	{ action: 'iam:ListMFADevices', resource: 'own-user' },
	{ action: 'iam:GetLoginProfile', resource: 'own-user' },
	{
		action: 'iam:GetAccountSummary',
		resource: 'account',
		needsPermission: false,
		reason: 'it is called only when the caller is root, and IAM policies do not govern root.',
	},
] as const satisfies CheckDefinition['calls'];

export const mfaCheck: CheckDefinition<MfaResult> = {
	id: 'mfa',
	title: 'Live MFA check',
	guide: 'turn-on-mfa-aws',
	steps: [3, 8, 9],
	action: 'Check my MFA',
	method: 'GET',
	calls: [...calls],
	resultSchema: mfaResultSchema,
	manual: [
		{ text: 'See who your credentials belong to:', command: 'aws sts get-caller-identity' },
		{
			text: 'For an IAM user (the last part of the ARN after user/), list its MFA devices and see whether it has a console password:',
			command: 'aws iam list-mfa-devices --user-name YOUR-USER-NAME\naws iam get-login-profile --user-name YOUR-USER-NAME',
		},
		{
			text: 'An empty MFADevices list while get-login-profile succeeds means anyone with the password can sign in without MFA. For the root user, 1 first means root has MFA:',
			command: 'aws iam get-account-summary --query "SummaryMap.[AccountMFAEnabled,AccountPasswordPresent]"',
		},
		{ text: 'If the ARN is an assumed-role (including AWSReservedSSO_ roles), IAM cannot see its MFA: it is set where you signed in.' },
	],
	async run(context) {
		const outcome = await runMfaCheck(await context.clients(), context.signal, context.now);
		const { body } = outcome;
		return {
			status: outcome.status,
			body: {
				...body,
				schemaVersion: 1,
				check: 'mfa',
				...mfaDetails(body.identity, body.devices, body.consolePassword),
				minimalPolicy: body.errors.some((error) => error.code === 'access-denied')
					? policyForCalls(calls, body.identity.partition ?? 'aws')
					: null,
			},
		};
	},
};
