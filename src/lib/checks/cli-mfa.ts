import { readFile } from 'node:fs/promises';
import * as z from 'zod/mini';
import { stepAdvice } from './advice';
import { activeProfileLocation, parseProfiles, profileSettingsSchema, type ProfileSettings } from './aws-config-file';
import type { CheckDefinition, Decision } from './check-definition';
import { checkResultBaseSchema } from './result-schema';

/**
 * Does the AWS CLI profile in use ask for an MFA code? Read on the server from the shared
 * config file (never the credentials file): `mfa_serial` together with `role_arn` makes the
 * CLI ask for a code whenever it assumes the role. No AWS call is made.
 */
const cliMfaAnswersSchema = z.object({
	configFile: z.string(),
	profile: z.string(),
	fileFound: z.boolean(),
	settings: z.nullable(profileSettingsSchema),
});
export type CliMfaAnswers = z.infer<typeof cliMfaAnswersSchema>;

const cliMfaResultSchema = z.extend(checkResultBaseSchema, cliMfaAnswersSchema.shape);
type CliMfaResult = z.infer<typeof cliMfaResultSchema>;

const GUIDE = 'mfa-aws-cli';
const DOCS = 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-role.html#cli-configure-role-mfa';
const addProfile = (message: string) =>
	stepAdvice({
		id: 'add-mfa-profile',
		message,
		guide: GUIDE,
		step: 5,
		label: 'Step 5: Add a profile that asks for your code',
		docsUrl: DOCS,
	});

function settingFacts(settings: ProfileSettings) {
	return [
		{ label: 'role_arn', value: settings.roleArn ?? 'Not set', code: settings.roleArn !== null },
		{ label: 'mfa_serial', value: settings.mfaSerial ?? 'Not set', code: settings.mfaSerial !== null },
		...(settings.sourceProfile ? [{ label: 'source_profile', value: settings.sourceProfile, code: true }] : []),
	];
}

export function decideCliMfa(answers: CliMfaAnswers): Decision {
	const where = [
		{ label: 'Config file', value: answers.configFile, code: true },
		{ label: 'Profile', value: answers.profile, code: true },
	];
	if (!answers.fileFound) {
		return {
			verdict: 'unknown',
			summary: `There is no AWS config file at ${answers.configFile} on the computer running Stepcheck.`,
			facts: where,
			advice: [
				addProfile(
					'Create the file with a profile that has role_arn, source_profile and mfa_serial, or set AWS_CONFIG_FILE to your file, then stop the companion with Ctrl+C and start it again.',
				),
			],
		};
	}
	const settings = answers.settings;
	if (!settings) {
		return {
			verdict: 'unknown',
			summary: `The profile "${answers.profile}" is not in ${answers.configFile}.`,
			facts: where,
			advice: [addProfile('Add the profile, or start Stepcheck with AWS_PROFILE set to the profile you use.')],
		};
	}
	const facts = [...where, ...settingFacts(settings)];
	if (settings.sso) {
		return {
			verdict: 'not-applicable',
			summary: `The profile "${answers.profile}" signs in through IAM Identity Center, which asks for MFA itself; the CLI has no MFA setting to check.`,
			facts,
			advice: [
				stepAdvice({
					id: 'identity-center-mfa',
					message: 'Make sure Identity Center requires MFA at every sign-in.',
					guide: 'identity-center-mfa',
					step: 3,
					label: 'MFA in IAM Identity Center, step 3',
				}),
			],
		};
	}
	if (settings.credentialProcess && !settings.roleArn) {
		return {
			verdict: 'unknown',
			summary: `The profile "${answers.profile}" gets its credentials from credential_process, which Stepcheck cannot look into.`,
			facts,
			advice: [addProfile('Check that the program asks for MFA, or use a role profile with mfa_serial.')],
		};
	}
	if (settings.roleArn && settings.mfaSerial) {
		return {
			verdict: 'pass',
			summary: `The profile "${answers.profile}" assumes a role and asks for an MFA code.`,
			facts,
			advice: [
				stepAdvice({
					id: 'test-profile',
					message: 'Run a command with the profile once: the CLI should ask for your code.',
					guide: GUIDE,
					step: 7,
					label: 'Step 7: Check your work',
				}),
			],
		};
	}
	if (settings.roleArn) {
		return {
			verdict: 'fail',
			summary: `The profile "${answers.profile}" assumes a role without asking for an MFA code.`,
			facts,
			advice: [addProfile("Add mfa_serial with your device identifier to the profile, and require MFA in the role's trust policy.")],
		};
	}
	if (settings.mfaSerial) {
		return {
			verdict: 'warn',
			summary: `The profile "${answers.profile}" has mfa_serial but no role_arn, so the CLI never asks for a code with it.`,
			facts,
			advice: [
				addProfile(
					'Add role_arn and source_profile so the CLI assumes the role with your code, or get temporary credentials with get-session-token.',
				),
			],
		};
	}
	return {
		verdict: 'fail',
		summary: `The profile "${answers.profile}" uses credentials without MFA.`,
		facts,
		advice: [addProfile('Add a role profile with mfa_serial and use it for your work.')],
	};
}

export const cliMfaCheck: CheckDefinition<CliMfaAnswers, CliMfaResult> = {
	id: 'cli-mfa',
	title: 'AWS CLI profile check',
	guide: GUIDE,
	steps: [5],
	action: 'Check my CLI profile',
	method: 'GET',
	calls: [],
	reads: ['the shared config file (AWS_CONFIG_FILE, else ~/.aws/config), profile AWS_PROFILE or default; never the credentials file'],
	resultSchema: cliMfaResultSchema,
	manual: [
		{
			text: 'Show the profile settings the CLI uses (add --profile NAME for another profile):',
			command: 'aws configure get role_arn\naws configure get mfa_serial',
		},
		{ text: 'Both should print a value: role_arn is the role the profile assumes, mfa_serial your MFA device.' },
	],
	nothingRead: { configFile: '', profile: '', fileFound: false, settings: null },
	async gather({ env }) {
		const location = activeProfileLocation(env);
		let text: string | null;
		try {
			text = await readFile(location.file, 'utf8');
		} catch {
			text = null;
		}
		const answers: CliMfaAnswers = {
			configFile: location.homeRelative,
			profile: location.profile,
			fileFound: text !== null,
			settings: text === null ? null : (parseProfiles(text).get(location.profile) ?? null),
		};
		return { answers, errors: [] };
	},
	decide: (answers) => decideCliMfa(answers),
	fields: (answers) => answers,
};
