import * as z from 'zod/mini';
import { DEVICE_TYPE_LABELS } from '../aws/devices';
import { listMfaDevices } from '../aws/list-mfa-devices';
import { stepAdvice } from './advice';
import type { CheckDefinition, Decision } from './check-definition';
import { checkResultBaseSchema, deviceSchema, UNKNOWN_IDENTITY, type CheckError, type Device, type Identity } from './result-schema';

/** The signed-in user (or root) has at least two MFA devices, and no SMS device is left. */
const backupDeviceResultSchema = z.extend(checkResultBaseSchema, { devices: z.nullable(z.array(deviceSchema)) });
type BackupDeviceResult = z.infer<typeof backupDeviceResultSchema>;

const GUIDE = 'backup-mfa-device';
const DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html';

export function decideBackupDevice(identity: Identity, devices: Device[] | null): Decision {
	if (identity.type !== 'iam-user' && identity.type !== 'root') {
		if (identity.type === 'unknown')
			return { verdict: 'unknown', summary: 'Could not tell who these credentials belong to.', facts: [], advice: [] };
		return {
			verdict: 'not-applicable',
			summary:
				'These credentials are not an IAM user or root, so they have no MFA devices in IAM; devices are registered where you signed in.',
			facts: [],
			advice: [
				stepAdvice({
					id: 'identity-center-devices',
					message: 'With IAM Identity Center, register a second device in the AWS access portal under MFA devices.',
					guide: 'identity-center-mfa',
					step: 6,
					label: 'MFA in IAM Identity Center, step 6',
				}),
			],
		};
	}
	const who = identity.type === 'root' ? 'The root user' : (identity.userName ?? 'This user');
	if (!devices) {
		return {
			verdict: 'unknown',
			summary: `Could not list the MFA devices of ${identity.type === 'root' ? 'the root user' : who}.`,
			facts: [],
			advice: [
				stepAdvice({
					id: 'backup-by-hand',
					message: 'Fix the error below, or list the devices by hand.',
					guide: GUIDE,
					step: 8,
					label: 'Step 8: Check your work',
				}),
			],
		};
	}
	const facts =
		devices.length === 0
			? [{ label: 'MFA devices', value: 'None' }]
			: devices.map((device) => ({ label: 'MFA device', value: `${DEVICE_TYPE_LABELS[device.type]}: ${device.serial}` }));
	const sms = devices.filter((device) => device.type === 'sms');
	const usable = devices.length - sms.length;
	const removeSms = stepAdvice({
		id: 'remove-sms',
		message: 'Remove the SMS device: SMS is not an MFA type AWS supports today.',
		guide: GUIDE,
		step: 7,
		label: 'Step 7: Remove devices you no longer use',
		docsUrl: DOCS,
	});
	if (usable === 0) {
		return {
			verdict: 'fail',
			summary: devices.length === 0 ? `${who} has no MFA device at all.` : `${who} has only an SMS device, which AWS no longer supports.`,
			facts,
			advice: [
				stepAdvice({
					id: 'first-device',
					message: 'Turn on MFA first: assign a first device.',
					guide: 'turn-on-mfa-aws',
					step: 3,
					label: 'Turn on MFA, step 3',
					docsUrl: DOCS,
				}),
				...(sms.length > 0 ? [removeSms] : []),
			],
		};
	}
	if (usable === 1) {
		return {
			verdict: 'fail',
			summary: `${who} has one MFA device and no backup.`,
			facts,
			advice: [
				stepAdvice({
					id: 'add-backup',
					message: 'Add a second device and keep it apart from the first, so a lost phone or key is not a lockout.',
					guide: GUIDE,
					step: 3,
					label: 'Step 3: Add the backup device',
					docsUrl: DOCS,
				}),
				...(sms.length > 0 ? [removeSms] : []),
			],
		};
	}
	if (sms.length > 0)
		return { verdict: 'warn', summary: `${who} has ${usable} MFA devices, and an SMS device that should go.`, facts, advice: [removeSms] };
	return {
		verdict: 'pass',
		summary: `${who} has ${usable} MFA devices.`,
		facts,
		advice: [
			stepAdvice({
				id: 'try-backup',
				message: 'Sign in with the backup once, so you know it works.',
				guide: GUIDE,
				step: 4,
				label: 'Step 4: Sign in with the backup once',
			}),
		],
	};
}

export const backupDeviceCheck: CheckDefinition<Device[] | null, BackupDeviceResult> = {
	id: 'backup-device',
	title: 'Backup MFA device check',
	guide: GUIDE,
	steps: [3, 7],
	action: 'Check my MFA devices',
	method: 'GET',
	calls: [
		{ action: 'sts:GetCallerIdentity', resource: 'account', needsPermission: false, reason: 'it needs no permission.' },
		{ action: 'iam:ListMFADevices', resource: 'own-user' },
	],
	resultSchema: backupDeviceResultSchema,
	manual: [
		{ text: 'See who your credentials belong to (the user name is the last part of the ARN):', command: 'aws sts get-caller-identity' },
		{
			text: 'List the devices: you want at least two, and no arn:...:sms-mfa/ entry:',
			command: 'aws iam list-mfa-devices --user-name YOUR-USER-NAME --query "MFADevices[].SerialNumber"',
		},
	],
	nothingRead: null,
	async gather({ attempt, clients, identity, signal }) {
		const errors: CheckError[] = [];
		if (identity?.type !== 'iam-user' && identity?.type !== 'root') return { answers: null, errors };
		const { iam } = await clients();
		// Root lists its own devices without a user name.
		const listed = await attempt('iam:ListMFADevices', () =>
			listMfaDevices(iam, identity.type === 'root' ? undefined : identity.userName, signal),
		);
		if (!listed.ok) errors.push(listed.error);
		return { answers: listed.ok ? listed.value : null, errors };
	},
	decide: (devices, { identity }) => decideBackupDevice(identity ?? UNKNOWN_IDENTITY, devices),
	fields: (devices) => ({ devices }),
};
