import { z } from 'astro/zod';
import { DEVICE_TYPE_LABELS } from '../aws/devices';
import { deviceSchema, identitySchema, type Device, type Identity } from '../aws/mfa-status-schema';
import { runMfaCheck } from '../aws/run-mfa-check';
import { checkResultBaseSchema, type CheckDefinition, type Fact } from './check-definition';
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

/** The devices and the console password as facts, for the generic island. */
export function mfaFacts(identity: Identity, devices: Device[], consolePassword: boolean | null): Fact[] {
	if (identity.type !== 'iam-user') return [];
	const password = consolePassword === null ? 'Unknown' : consolePassword ? 'Yes' : 'No';
	const deviceFacts = devices.map((device) => ({
		label: 'MFA device',
		value: `${DEVICE_TYPE_LABELS[device.type]}: ${device.serial}${device.enabledAt ? `, enabled ${device.enabledAt.slice(0, 10)}` : ''}`,
	}));
	return [{ label: 'Console password', value: password }, ...(deviceFacts.length > 0 ? deviceFacts : [{ label: 'MFA devices', value: 'None' }])];
}

const calls = [
	{ action: 'sts:GetCallerIdentity', resource: 'account', needsPermission: false, reason: 'it needs no permission.' },
	{ action: 'iam:ListMFADevices', resource: 'own-user' },
	{ action: 'iam:GetLoginProfile', resource: 'own-user' },
	{ action: 'iam:GetAccountSummary', resource: 'account', needsPermission: false, reason: 'it is called only when the caller is root, and IAM policies do not govern root.' },
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
		{ text: 'For the root user, 1 first means root has MFA:', command: 'aws iam get-account-summary --query "SummaryMap.[AccountMFAEnabled,AccountPasswordPresent]"' },
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
				facts: mfaFacts(body.identity, body.devices, body.consolePassword),
				minimalPolicy: body.errors.some((error) => error.code === 'access-denied') ? policyForCalls(calls, body.identity.partition ?? 'aws') : null,
			},
		};
	},
};
