import { GetLoginProfileCommand, type IAMClient } from '@aws-sdk/client-iam';
import * as z from 'zod/mini';
import { readRootAccount } from '../aws/account-summary';
import { errorFacts } from '../aws/aws-errors';
import { DEVICE_TYPE_LABELS } from '../aws/devices';
import { listMfaDevices } from '../aws/list-mfa-devices';
import { guidePath } from '../guides/reading-order';
import type { CheckDefinition, Decision } from './check-definition';
import {
	checkResultBaseSchema,
	deviceSchema,
	identitySchema,
	type Advice,
	type CheckError,
	type Device,
	type Identity,
	type RootAccount,
	UNKNOWN_IDENTITY,
} from './result-schema';

/**
 * Is MFA on for the identity behind the server's credentials? Decided by identity type first,
 * as Security Hub CSPM (IAM.5, IAM.6, IAM.9, IAM.19), CIS and Prowler do. `/api/mfa-status` is an
 * alias of `/api/checks/mfa`.
 */
const mfaResultSchema = z.extend(checkResultBaseSchema, {
	identity: identitySchema,
	devices: z.array(deviceSchema),
	consolePassword: z.nullable(z.boolean()),
});
type MfaResult = z.infer<typeof mfaResultSchema>;

/** What the AWS calls established; `null` means the call failed or was not made. */
export interface MfaAnswers {
	/** Read only when the caller is root. */
	root: Pick<RootAccount, 'mfaEnabled' | 'passwordPresent'> | null;
	devices: Device[] | null;
	consolePassword: boolean | null;
}

const MFA_GUIDE = 'turn-on-mfa-aws';
const step = (n: number) => `${guidePath(MFA_GUIDE)}#step-${n}`;
const DOCS = {
	mfa: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html',
	enableMfa: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
	rootMfa: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
	centralRoot: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management',
	identityCenterMfa: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/enable-mfa.html',
	roleMfa: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
	federation: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers.html',
	smsEnd: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_sms.html',
} as const;

const ADVICE = {
	addDevice: {
		id: 'add-mfa-device',
		message:
			'Assign an MFA device to this user: a passkey or security key resists phishing best; an authenticator app is the common choice.',
		guideStep: step(3),
		guideStepLabel: 'Step 3: Assign MFA device',
		docsUrl: DOCS.enableMfa,
	},
	addDeviceNoPassword: {
		id: 'add-mfa-device-before-console',
		message:
			'This user has no console password, so nobody can sign in to the console as it today. Assign an MFA device before anyone gives it a password, and require MFA for its access keys.',
		guideStep: step(3),
		guideStepLabel: 'Step 3: Assign MFA device',
		docsUrl: DOCS.enableMfa,
	},
	rootMfa: {
		id: 'add-root-mfa',
		message:
			'The root user can sign in with a password and has no MFA. Sign in as root and assign an MFA device now; this is the finding that matters most.',
		guideStep: step(3),
		guideStepLabel: 'Step 3: Assign MFA device',
		docsUrl: DOCS.rootMfa,
	},
	protectRoot: {
		id: 'protect-root',
		message: 'Keep the root user for the few tasks that need it, and give it a second MFA device kept somewhere safe.',
		guideStep: guidePath('protect-root-user'),
		guideStepLabel: 'Guide: Protect the root user',
		docsUrl: DOCS.rootMfa,
	},
	rootNoPassword: {
		id: 'root-without-password',
		message:
			'Root has no password (as under centrally managed root access), so nobody can sign in as root. Keep it that way; if a password is ever set, add MFA at once.',
		guideStep: guidePath('protect-root-user'),
		guideStepLabel: 'Guide: Protect the root user',
		docsUrl: DOCS.centralRoot,
	},
	backup: {
		id: 'add-backup-device',
		message: 'Only one MFA device is registered. Add a second one (AWS allows up to eight) so a lost phone or key does not lock you out.',
		guideStep: guidePath('backup-mfa-device'),
		guideStepLabel: 'Guide: Add a backup MFA device',
		docsUrl: DOCS.mfa,
	},
	replaceSms: {
		id: 'replace-sms-device',
		message: 'SMS MFA is no longer supported by AWS. Replace it with a passkey, security key or authenticator app.',
		guideStep: step(3),
		guideStepLabel: 'Step 3: Assign MFA device',
		docsUrl: DOCS.smsEnd,
	},
	testDevice: {
		id: 'test-device',
		message: 'Sign out and back in once to prove the device works before you rely on it.',
		guideStep: step(9),
		guideStepLabel: 'Step 9: Test the device',
		docsUrl: null,
	},
	identityCenter: {
		id: 'identity-center-mfa',
		message:
			'You are signed in through IAM Identity Center. IAM cannot see Identity Center MFA: check it in the Identity Center console under Settings, Authentication, Multi-factor authentication.',
		guideStep: guidePath('identity-center-mfa'),
		guideStepLabel: 'Guide: MFA in IAM Identity Center',
		docsUrl: DOCS.identityCenterMfa,
	},
	assumedRole: {
		id: 'role-mfa',
		message:
			"These credentials come from an assumed role, and IAM cannot see MFA for a role session: a role has no MFA device of its own, MFA belongs to whoever assumed it. Require MFA in the role's trust policy (aws:MultiFactorAuthPresent).",
		guideStep: guidePath('require-mfa-policy'),
		guideStepLabel: 'Guide: Require MFA with a policy',
		docsUrl: DOCS.roleMfa,
	},
	federated: {
		id: 'federated-mfa',
		message:
			'These are federated-user credentials. IAM cannot see their MFA: it is enforced by the identity provider, or by whoever called GetFederationToken.',
		guideStep: null,
		guideStepLabel: null,
		docsUrl: DOCS.federation,
	},
	checkCli: {
		id: 'check-by-hand',
		message: 'The check could not finish. Fix the error below, or check by hand with the AWS CLI commands shown here.',
		guideStep: step(10),
		guideStepLabel: 'Step 10: Check your work',
		docsUrl: null,
	},
} as const satisfies Record<string, Advice>;

const deviceWord = (count: number) => (count === 1 ? '1 MFA device' : `${count} MFA devices`);

type Verdictless = Omit<Decision, 'facts' | 'lists'>;

function verdictFor(identity: Identity, answers: MfaAnswers): Verdictless {
	switch (identity.type) {
		case 'root': {
			const root = answers.root;
			if (!root) return { verdict: 'unknown', summary: 'Could not read whether the root user has MFA.', advice: [ADVICE.checkCli] };
			if (root.mfaEnabled) return { verdict: 'pass', summary: 'The root user has MFA turned on.', advice: [ADVICE.protectRoot] };
			if (!root.passwordPresent)
				return {
					verdict: 'pass',
					summary: 'The root user has no password, so it cannot sign in to the console.',
					advice: [ADVICE.rootNoPassword],
				};
			return { verdict: 'fail', summary: 'The root user has a password and no MFA.', advice: [ADVICE.rootMfa, ADVICE.protectRoot] };
		}
		case 'iam-user': {
			const name = identity.userName ?? 'This user';
			const devices = answers.devices;
			if (!devices) return { verdict: 'unknown', summary: `Could not read the MFA devices of ${name}.`, advice: [ADVICE.checkCli] };
			if (devices.length > 0) {
				const usable = devices.filter((device) => device.type !== 'sms');
				if (usable.length === 0) {
					return { verdict: 'warn', summary: `${name} has only SMS MFA, which AWS no longer supports.`, advice: [ADVICE.replaceSms] };
				}
				const advice: Advice[] = [];
				if (usable.length < devices.length) advice.push(ADVICE.replaceSms);
				if (usable.length === 1) advice.push(ADVICE.backup);
				advice.push(ADVICE.testDevice);
				return { verdict: 'pass', summary: `${name} has ${deviceWord(devices.length)}.`, advice };
			}
			if (answers.consolePassword === true) {
				return {
					verdict: 'fail',
					summary: `${name} can sign in to the console with a password and has no MFA device.`,
					advice: [ADVICE.addDevice],
				};
			}
			if (answers.consolePassword === false) {
				return {
					verdict: 'warn',
					summary: `${name} has no MFA device, but also no console password.`,
					advice: [ADVICE.addDeviceNoPassword],
				};
			}
			return {
				verdict: 'unknown',
				summary: `${name} has no MFA device; whether it has a console password could not be read.`,
				advice: [ADVICE.addDevice, ADVICE.checkCli],
			};
		}
		case 'identity-center':
			return {
				verdict: 'not-applicable',
				summary: 'Signed in through IAM Identity Center: its MFA is set in Identity Center, not IAM.',
				advice: [ADVICE.identityCenter],
			};
		case 'assumed-role':
			return {
				verdict: 'not-applicable',
				summary: `Using ${identity.roleName ? `the role ${identity.roleName}` : 'an assumed role'}: MFA belongs to whoever assumed it.`,
				advice: [ADVICE.assumedRole],
			};
		case 'federated-user':
			return {
				verdict: 'not-applicable',
				summary: 'Using federated-user credentials: their MFA is set by the identity provider.',
				advice: [ADVICE.federated],
			};
		case 'unknown':
			return { verdict: 'unknown', summary: 'Could not tell who these credentials belong to.', advice: [ADVICE.checkCli] };
	}
}

/**
 * The verdict, and for IAM users the console password as a fact and the devices (type, serial,
 * enable date) as a list. Facts that are `null` could not be read; the verdict is `unknown`
 * unless the facts that were read decide it anyway. IAM does not see other identities' MFA.
 */
export function decideMfa(identity: Identity, answers: MfaAnswers): Decision {
	const decided = verdictFor(identity, answers);
	if (identity.type !== 'iam-user') return { ...decided, facts: [], lists: [] };
	const password = answers.consolePassword === null ? 'Unknown' : answers.consolePassword ? 'Yes' : 'No';
	const items = (answers.devices ?? []).map(
		(device) =>
			`${DEVICE_TYPE_LABELS[device.type]}, ${device.serial}${device.enabledAt ? `, enabled ${device.enabledAt.slice(0, 10)}` : ''}`,
	);
	return { ...decided, facts: [{ label: 'Console password', value: password }], lists: [{ label: 'MFA devices', items }] };
}

async function hasConsolePassword(iam: IAMClient, userName: string, signal: AbortSignal): Promise<boolean> {
	try {
		await iam.send(new GetLoginProfileCommand({ UserName: userName }), { abortSignal: signal });
		return true;
	} catch (error) {
		// NoSuchEntity is the answer "no console password", not a failure.
		const { name, code } = errorFacts(error);
		if (name === 'NoSuchEntityException' || name === 'NoSuchEntity' || code === 'NoSuchEntity') return false;
		throw error;
	}
}

export const mfaCheck: CheckDefinition<MfaAnswers, MfaResult> = {
	id: 'mfa',
	title: 'Live MFA check',
	guide: MFA_GUIDE,
	steps: [3, 8, 9],
	action: 'Check my MFA',
	method: 'GET',
	calls: [
		{ action: 'sts:GetCallerIdentity', resource: 'account', needsPermission: false, reason: 'it needs no permission.' },
		{ action: 'iam:ListMFADevices', resource: 'own-user' },
		{ action: 'iam:GetLoginProfile', resource: 'own-user' },
		{
			action: 'iam:GetAccountSummary',
			resource: 'account',
			needsPermission: false,
			reason: 'it is called only when the caller is root, and IAM policies do not govern root.',
		},
	],
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
	nothingRead: { root: null, devices: null, consolePassword: null },
	// The calls the identity type needs run in parallel; any one may fail alone.
	async gather({ attempt, clients, identity, signal }) {
		const answers: MfaAnswers = { root: null, devices: null, consolePassword: null };
		const errors: CheckError[] = [];
		if (identity?.type === 'root') {
			const { iam } = await clients();
			const summary = await attempt('iam:GetAccountSummary', () => readRootAccount(iam, signal));
			if (summary.ok) answers.root = summary.value;
			else errors.push(summary.error);
		} else if (identity?.type === 'iam-user' && identity.userName) {
			const { iam } = await clients();
			const userName = identity.userName;
			const [listed, password] = await Promise.all([
				attempt('iam:ListMFADevices', () => listMfaDevices(iam, userName, signal)),
				attempt('iam:GetLoginProfile', () => hasConsolePassword(iam, userName, signal)),
			]);
			if (listed.ok) answers.devices = listed.value;
			else errors.push(listed.error);
			if (password.ok) answers.consolePassword = password.value;
			else errors.push(password.error);
		}
		return { answers, errors };
	},
	decide: (answers, { identity }) => decideMfa(identity ?? UNKNOWN_IDENTITY, answers),
	fields: (answers) => ({ devices: answers.devices ?? [], consolePassword: answers.consolePassword }),
};
