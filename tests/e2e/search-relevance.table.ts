/**
 * The search's specification: for each query, the guide and the step (or heading) that
 * must come first. Each row is run through Pagefind's own search in Chromium, against
 * the real index of a real build, via the search box a reader uses.
 *
 * `expect` is the first result's link: `<guide id>#step-N`, `<guide id>#<heading id>`,
 * or just `<guide id>` for the top of the guide.
 *
 * To extend: add rows. The table runs against the real guides in src/content/guides (the
 * main test build).
 */
export interface RelevanceRow {
	query: string;
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
];
