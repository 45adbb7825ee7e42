import { describe, expect, it } from 'vitest';
import { activeProfileLocation, parseProfiles } from '../../src/lib/checks/aws-config-file';
import { readInput } from '../../src/lib/checks/check-definition';
import { findCheck } from '../../src/lib/checks/registry';

describe('parseProfiles', () => {
	const config = [
		'[default]',
		'region = eu-west-1',
		'aws_access_key_id = AKIAEXAMPLEEXAMPLE12',
		'aws_secret_access_key = secretsecretsecret',
		'',
		'[profile admin]',
		'role_arn = arn:aws:iam::123456789012:role/Admin',
		'source_profile = default',
		'mfa_serial = arn:aws:iam::123456789012:mfa/alice-phone',
		's3 =',
		'  role_arn = nested-value-ignored',
		'',
		'[sso-session corp]',
		'sso_start_url = https://d-123.awsapps.com/start',
		'',
		'[profile dev]',
		'sso_session = corp',
		'# a comment',
		'[profile tool]',
		'credential_process = /usr/local/bin/get-creds',
	].join('\n');

	it.each([
		['default', { roleArn: null, mfaSerial: null, sourceProfile: null, sso: false, credentialProcess: false }],
		[
			'admin',
			{
				roleArn: 'arn:aws:iam::123456789012:role/Admin',
				mfaSerial: 'arn:aws:iam::123456789012:mfa/alice-phone',
				sourceProfile: 'default',
				sso: false,
				credentialProcess: false,
			},
		],
		['dev', { roleArn: null, mfaSerial: null, sourceProfile: null, sso: true, credentialProcess: false }],
		['tool', { roleArn: null, mfaSerial: null, sourceProfile: null, sso: false, credentialProcess: true }],
	])('reads profile %s', (name, expected) => {
		expect(parseProfiles(config).get(name)).toEqual(expected);
	});

	it('keeps no credentials and no sso-session section as a profile', () => {
		const profiles = parseProfiles(config);
		expect(JSON.stringify([...profiles])).not.toMatch(/AKIA|secret/);
		expect([...profiles.keys()]).toEqual(['default', 'admin', 'dev', 'tool']);
	});
});

describe('activeProfileLocation', () => {
	it.each([
		[{ HOME: '/home/alice' }, { file: '/home/alice/.aws/config', profile: 'default', homeRelative: '~/.aws/config' }],
		[
			{ HOME: '/home/alice', AWS_PROFILE: 'admin' },
			{ file: '/home/alice/.aws/config', profile: 'admin', homeRelative: '~/.aws/config' },
		],
		[
			{ HOME: '/home/alice', AWS_DEFAULT_PROFILE: 'dev' },
			{ file: '/home/alice/.aws/config', profile: 'dev', homeRelative: '~/.aws/config' },
		],
		[
			{ HOME: '/home/alice', AWS_CONFIG_FILE: '/etc/aws/config', AWS_PROFILE: '' },
			{ file: '/etc/aws/config', profile: 'default', homeRelative: 'AWS_CONFIG_FILE (a file named config)' },
		],
		// A page is never shown a path outside the home folder: it may name the reader's account.
		[
			{ HOME: '/home/alice', AWS_CONFIG_FILE: '/srv/alice-work/aws.ini' },
			{ file: '/srv/alice-work/aws.ini', profile: 'default', homeRelative: 'AWS_CONFIG_FILE (a file named aws.ini)' },
		],
		[
			{ USERPROFILE: 'C:\\Users\\alice', AWS_CONFIG_FILE: 'C:\\Users\\alice\\.aws\\config' },
			{ file: 'C:\\Users\\alice\\.aws\\config', profile: 'default', homeRelative: '~/.aws/config' },
		],
	])('%j', (env, expected) => {
		expect(activeProfileLocation(env)).toEqual(expected);
	});
});

describe('check input (?user=)', () => {
	const mfaPolicy = findCheck('mfa-policy')!;
	it.each(['mfa-tester', 'alice@example.com', 'a.b+c=d,e_f', 'x'.repeat(64)])('mfa-policy accepts %s', (name) => {
		expect(readInput(mfaPolicy, { user: name })).toEqual({ input: { userName: name } });
	});
	it.each(['', 'has space', 'path/alice', 'x'.repeat(65), 'alice;rm', 'ünïcode'])('mfa-policy refuses %j with the rule', (name) => {
		const read = readInput(mfaPolicy, { user: name });
		expect(read).toEqual({ problem: expect.stringContaining('1 to 64 letters, digits and + = , . @ _ -') });
		expect(read).toEqual({ problem: expect.stringContaining(`"${name.slice(0, 80)}" is not a valid IAM user name`) });
	});
	it('checks yourself without a name', () => {
		expect(readInput(mfaPolicy, {})).toEqual({ input: {} });
	});
	it('refuses a name for a check that takes none, saying what to remove', () => {
		expect(readInput(findCheck('root-user')!, { user: 'alice' })).toEqual({
			problem: 'The root-user check takes no user name; remove ?user= from the request.',
		});
		expect(readInput(findCheck('root-user')!, {})).toEqual({ input: {} });
	});
});
