/**
 * The search's specification: for each query, the guide and the step (or heading) that
 * must come first. Each row is run through Pagefind's own search in Chromium, against
 * the real index of a real build, via the search box a reader uses.
 *
 * `expect` is the first result's link: `<guide id>#step-N`, `<guide id>#<heading id>`,
 * or just `<guide id>` for the top of the guide.
 *
 * A misspelt query names the spelling the search must suggest (`suggest`); `expect` is
 * then the first result once the reader takes the suggestion.
 *
 * To extend: add rows. The table runs against the real guides in src/content/guides (the
 * main test build).
 */
export interface RelevanceRow {
	query: string;
	/** For a misspelt query: the spelling search must suggest; `expect` is then the first result for it. */
	suggest?: string;
	expect: string;
	/** What the row checks, so a failure says which promise broke. */
	why: string;
}

export const RELEVANCE: RelevanceRow[] = [
	// One word
	{ query: 'STS', expect: 'mfa-aws-cli#step-2', why: 'a service name, where the guide asks it for credentials' },
	{ query: 'mfa_serial', expect: 'mfa-aws-cli#step-5', why: 'a config setting, in the profile step' },
	{ query: 'BoolIfExists', expect: 'require-mfa-policy#how-the-policy-works', why: 'a policy operator, where it is explained' },
	{ query: 'password_enabled', expect: 'find-users-without-mfa#step-4', why: 'a credential report column' },
	{ query: 'SMS', expect: 'backup-mfa-device#step-7', why: 'removing an old SMS device' },
	// Several words
	{ query: 'QR code', expect: 'turn-on-mfa-aws#step-6', why: 'the QR-code step, not the top of the guide' },
	{ query: 'device name', expect: 'turn-on-mfa-aws#step-4', why: 'naming the device' },
	{ query: 'two codes must follow each other', expect: 'turn-on-mfa-aws#step-7', why: 'the two consecutive codes' },
	{ query: 'sign in with the backup once', expect: 'backup-mfa-device#step-4', why: 'signing in with the backup device' },
	{ query: 'alternate contacts', expect: 'protect-root-user#step-7', why: 'a step of the root guide' },
	{ query: 'policy simulator', expect: 'require-mfa-policy#step-4', why: 'testing a policy before rollout' },
	{ query: 'context-aware', expect: 'identity-center-mfa#step-3', why: 'an Identity Center prompt setting' },
	// A phrase from a step
	{ query: 'Ask AWS STS for temporary credentials', expect: 'mfa-aws-cli#step-2', why: 'phrase from the CLI guide' },
	{ query: 'scan it with the app', expect: 'turn-on-mfa-aws#step-6', why: 'phrase from step 6' },
	{ query: 'Delete root access keys', expect: 'protect-root-user#step-5', why: 'phrase from the root guide' },
	{ query: 'centralize root access for the member accounts', expect: 'protect-root-user#step-8', why: 'phrase from the root guide' },
	{
		query: 'register a device in the AWS access portal',
		expect: 'identity-center-mfa#step-6',
		why: 'phrase from the Identity Center guide',
	},
	// Headings
	{ query: 'What changes for the root user', expect: 'turn-on-mfa-aws#what-changes-for-the-root-user', why: 'a heading' },
	{
		query: 'Why IAM cannot see these users',
		expect: 'identity-center-mfa#why-iam-cannot-see-these-users-mfa',
		why: 'a heading of another guide',
	},
	// Tags
	{ query: 'credential-report', expect: 'find-users-without-mfa', why: 'a dashed tag' },
	{ query: 'organizations', expect: 'protect-root-user', why: 'a tag on the root guide' },
	// Old titles (hidden metadata)
	{ query: 'Enable AWS MFA in 10 Steps', expect: 'turn-on-mfa-aws', why: 'the old blog post title' },
	{ query: 'Enable MFA on AWS in 10 steps (with pictures)', expect: 'turn-on-mfa-aws', why: 'the other old title' },
	// Identifiers, whole or in part (condition keys, actions, CLI commands and flags, settings, control ids)
	{ query: 'MultiFactorAuthPresent', expect: 'require-mfa-policy#how-the-policy-works', why: 'a condition key without its prefix' },
	{ query: 'aws:MultiFactorAuthPresent', expect: 'require-mfa-policy#step-2', why: 'the condition key whole, in the policy' },
	{ query: 'multifactorauthpresent', expect: 'require-mfa-policy#how-the-policy-works', why: 'the condition key in lower case' },
	{ query: 'auth present', expect: 'require-mfa-policy#step-2', why: 'words of the condition key' },
	{ query: 'ListMFADevices', expect: 'require-mfa-policy#step-2', why: 'an API action, not the CLI command spelt alike' },
	{ query: 'iam:ListMFADevices', expect: 'require-mfa-policy#step-2', why: 'the action with its service prefix' },
	{ query: 'iam:listmfadevices', expect: 'require-mfa-policy#step-2', why: 'the action in lower case' },
	{ query: 'list-mfa-devices', expect: 'turn-on-mfa-aws', why: 'the CLI command, in the check at the top of the MFA guide' },
	{ query: 'deactivate-mfa-device', expect: 'backup-mfa-device#step-5', why: 'the CLI command that removes a lost device' },
	{ query: 'get-session-token', expect: 'mfa-aws-cli#step-3', why: 'the CLI command, in the step that runs it most' },
	{ query: 'GetSessionToken', expect: 'require-mfa-policy#how-the-policy-works', why: 'the API action, which the policy leaves open' },
	{ query: 'sts:GetSessionToken', expect: 'require-mfa-policy#how-the-policy-works', why: 'the action with its prefix' },
	{ query: '--serial-number', expect: 'backup-mfa-device#step-5', why: 'a CLI flag, with its dashes' },
	{ query: 'duration-seconds', expect: 'mfa-aws-cli#step-2', why: 'a CLI flag without its dashes' },
	{ query: 'aws_session_token', expect: 'mfa-aws-cli#step-3', why: 'an environment variable' },
	{ query: 'mfa_active', expect: 'find-users-without-mfa#step-4', why: 'a credential report column' },
	{ query: 'IAM.6', expect: 'find-users-without-mfa#step-6', why: 'a Security Hub control id' },
	{ query: 'AssumeRoot', expect: 'protect-root-user#if-something-goes-wrong', why: 'an action without its prefix' },
	{ query: 'sts:AssumeRoot', expect: 'protect-root-user#if-something-goes-wrong', why: 'the action with its prefix' },
	{ query: 'DenyAllExceptListedIfNoMFA', expect: 'require-mfa-policy#how-the-policy-works', why: 'a statement id' },
	// Misspellings: the search suggests the word the guides use
	{ query: 'mfa devise', suggest: 'mfa device', expect: 'backup-mfa-device', why: 'a wrong letter' },
	{ query: 'pasky root', suggest: 'passkey root', expect: 'protect-root-user#step-3', why: 'letters left out' },
	{ query: 'credential reprot', suggest: 'credential report', expect: 'find-users-without-mfa#step-2', why: 'two letters swapped' },
	{ query: 'authenticater app', suggest: 'authenticator app', expect: 'turn-on-mfa-aws#step-7', why: 'a vowel mixed up' },
	{ query: 'root acess keys', suggest: 'root access keys', expect: 'protect-root-user#step-5', why: 'a letter left out' },
	{ query: 'resynk', suggest: 'resync', expect: 'require-mfa-policy#how-the-policy-works', why: 'nothing found until respelt' },
];
