/**
 * The search's specification: for each query, the guide and the step (or heading) that
 * must come first. Each row is run through Pagefind's own search in Chromium, against
 * the real index of a real build, via the search box a reader uses.
 *
 * `expect` is the first result's link: `<guide id>#step-N`, `<guide id>#<heading id>`,
 * or just `<guide id>` for the top of the guide.
 *
 * To extend: add rows. The table runs against the guides in RELEVANCE_CONTENT: text-only
 * guides written to the fixed step plans while the real ones are being written. Set it
 * to `null` to run against the real guides in src/content/guides (the main test build).
 */
export const RELEVANCE_CONTENT: string | null = 'tests/fixtures/search-guides';

export interface RelevanceRow {
	query: string;
	expect: string;
	/** What the row checks, so a failure says which promise broke. */
	why: string;
}

export const RELEVANCE: RelevanceRow[] = [
	// One word
	{ query: 'YubiKey', expect: 'backup-mfa-device#step-3', why: 'one word, only in one step' },
	{ query: 'get-session-token', expect: 'mfa-aws-cli#step-2', why: 'a CLI command name' },
	{ query: 'user-name', expect: 'turn-on-mfa-aws#step-10', why: 'a CLI option in the check step' },
	// Several words
	{ query: 'QR code', expect: 'turn-on-mfa-aws#step-6', why: 'the QR-code step, not the top of the guide' },
	{ query: 'account menu', expect: 'turn-on-mfa-aws#step-2', why: 'where Security credentials is' },
	{ query: 'Multi-factor authentication', expect: 'turn-on-mfa-aws#step-3', why: 'the console section name' },
	{ query: 'device name', expect: 'turn-on-mfa-aws#step-4', why: 'naming the device' },
	{ query: 'hardware TOTP token', expect: 'turn-on-mfa-aws#step-5', why: 'a device type' },
	{ query: 'sign out', expect: 'turn-on-mfa-aws#step-9', why: 'the test step beats "sign-in" in the title' },
	{ query: 'root access keys', expect: 'protect-root-user#step-2', why: 'a step of another guide' },
	{ query: 'administrator IAM user', expect: 'protect-root-user#step-5', why: 'all words in one step win' },
	// A phrase from a step
	{ query: 'scan the QR code', expect: 'turn-on-mfa-aws#step-6', why: 'phrase from step 6' },
	{ query: 'two consecutive codes', expect: 'turn-on-mfa-aws#step-7', why: 'phrase from step 7' },
	{ query: 'Add MFA to finish', expect: 'turn-on-mfa-aws#step-8', why: 'phrase from step 8' },
	{ query: 'AWS Management Console', expect: 'turn-on-mfa-aws#step-1', why: 'phrase from step 1' },
	// Headings
	{ query: 'out of sync', expect: 'turn-on-mfa-aws#troubleshooting', why: 'a heading section' },
	{ query: 'lose your phone', expect: 'backup-mfa-device#if-you-lose-your-phone', why: 'a heading of another guide' },
	// Tags
	{ query: 'recovery', expect: 'backup-mfa-device', why: 'a tag no text uses' },
	{ query: 'root-user', expect: 'protect-root-user', why: 'a dashed tag' },
	// Old titles (hidden metadata)
	{ query: 'Enable AWS MFA in 10 Steps', expect: 'turn-on-mfa-aws', why: 'the old blog post title' },
	{ query: 'Enable MFA on AWS in 10 steps (with pictures)', expect: 'turn-on-mfa-aws', why: 'the other old title' },
];
