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
	{
		query: 'list-mfa-devices',
		expect: 'mfa-aws-cli#step-1',
		why: 'the CLI command, where a step runs it (the live checks that also list it are not indexed)',
	},
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

/**
 * Questions as readers type them, in their own words: synonyms ("2FA"), questions and
 * symptoms ("I lost my phone"), for every guide. Each names the guide that answers it. The pass line is
 * the issue's: 90% have that guide first, all have it in the top three.
 */
export interface IntentRow {
	query: string;
	guide: string;
}

export const INTENTS: IntentRow[] = [
	{ query: 'how do I turn on 2FA for my AWS account', guide: 'turn-on-mfa-aws' },
	{ query: 'enable two-factor authentication on the aws console', guide: 'turn-on-mfa-aws' },
	{ query: 'set up google authenticator for aws', guide: 'turn-on-mfa-aws' },
	{ query: 'add mfa to my iam user', guide: 'turn-on-mfa-aws' },
	{ query: 'where do I scan the qr code', guide: 'turn-on-mfa-aws' },
	{ query: 'make my aws login more secure', guide: 'turn-on-mfa-aws' },
	{ query: 'the mfa codes are not accepted', guide: 'turn-on-mfa-aws' },
	{ query: 'I lost my phone', guide: 'backup-mfa-device' },
	{ query: "lost mfa device and can't sign in", guide: 'backup-mfa-device' },
	{ query: 'my phone was stolen and had my authenticator', guide: 'backup-mfa-device' },
	{ query: 'add a second mfa device', guide: 'backup-mfa-device' },
	{ query: 'got a new phone, how do I move my mfa', guide: 'backup-mfa-device' },
	{ query: "remove a user's old mfa device", guide: 'backup-mfa-device' },
	{ query: 'locked out of aws because of mfa', guide: 'backup-mfa-device' },
	{ query: 'spare security key in case I lose mine', guide: 'backup-mfa-device' },
	{ query: 'force mfa for all users', guide: 'require-mfa-policy' },
	{ query: 'enforce mfa', guide: 'require-mfa-policy' },
	{ query: 'access denied after turning on MFA', guide: 'require-mfa-policy' },
	{ query: 'deny everything unless the user signed in with mfa', guide: 'require-mfa-policy' },
	{ query: 'iam policy that requires mfa', guide: 'require-mfa-policy' },
	{ query: 'make mfa mandatory for iam users', guide: 'require-mfa-policy' },
	{ query: "users can't do anything until they set up mfa", guide: 'require-mfa-policy' },
	{ query: 'let users manage their own mfa device', guide: 'require-mfa-policy' },
	{ query: 'secure the root account', guide: 'protect-root-user' },
	{ query: 'should I use the root user every day', guide: 'protect-root-user' },
	{ query: 'passkey for the root user', guide: 'protect-root-user' },
	{ query: 'strong password for the root user', guide: 'protect-root-user' },
	{ query: "update the account's alternate contacts", guide: 'protect-root-user' },
	{ query: 'remove root credentials from member accounts', guide: 'protect-root-user' },
	{ query: 'lock down the aws account owner login', guide: 'protect-root-user' },
	{ query: 'use mfa with the command line', guide: 'mfa-aws-cli' },
	{ query: 'make the aws cli ask for an mfa code', guide: 'mfa-aws-cli' },
	{ query: 'get temporary credentials with an mfa token', guide: 'mfa-aws-cli' },
	{ query: 'assume a role with mfa in my cli profile', guide: 'mfa-aws-cli' },
	{ query: 'stop using long-term access keys every day', guide: 'mfa-aws-cli' },
	{ query: "which users don't have mfa", guide: 'find-users-without-mfa' },
	{ query: 'list all iam users without 2fa', guide: 'find-users-without-mfa' },
	{ query: 'audit mfa across my account', guide: 'find-users-without-mfa' },
	{ query: 'download the credential report', guide: 'find-users-without-mfa' },
	{ query: 'security hub control for mfa', guide: 'find-users-without-mfa' },
	{ query: 'how many users still have no mfa', guide: 'find-users-without-mfa' },
	{ query: 'mfa for aws sso users', guide: 'identity-center-mfa' },
	{ query: 'require mfa in the access portal', guide: 'identity-center-mfa' },
	{ query: 'single sign-on mfa settings', guide: 'identity-center-mfa' },
	{ query: 'how often does identity center ask for mfa', guide: 'identity-center-mfa' },
	{ query: 'how long should iam passwords be', guide: 'password-policy' },
	{ query: 'make passwords expire every 90 days', guide: 'password-policy' },
	{ query: 'stop users reusing old passwords', guide: 'password-policy' },
	{ query: 'rotate my access keys', guide: 'manage-access-keys' },
	{ query: 'access keys older than 90 days', guide: 'manage-access-keys' },
	{ query: 'a user has two active access keys', guide: 'manage-access-keys' },
	{ query: 'find stale credentials', guide: 'remove-unused-credentials' },
	{ query: "disable users who haven't logged in for months", guide: 'remove-unused-credentials' },
	{ query: 'clean up inactive iam users', guide: 'remove-unused-credentials' },
	{ query: 'least privilege for iam users', guide: 'permissions-through-groups' },
	{ query: 'who has admin access in my account', guide: 'permissions-through-groups' },
	{ query: 'attach policies to groups instead of users', guide: 'permissions-through-groups' },
	{ query: 'role so someone can open an aws support case', guide: 'permissions-through-groups' },
	{ query: 'turn on access analyzer', guide: 'account-access-controls' },
	{ query: 'expired ssl certificate in iam', guide: 'account-access-controls' },
	{ query: 'is anything shared outside my account', guide: 'account-access-controls' },
];

/** Subjects no guide covers: each must say so and show no result. */
export const OFF_TOPIC: string[] = [
	'kubernetes rbac',
	'install docker on ubuntu',
	'cheap flights to paris',
	'python list comprehension',
	'kafka consumer lag',
	'best pizza dough recipe',
];
