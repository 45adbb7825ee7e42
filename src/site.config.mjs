// @ts-check
/**
 * Site-wide settings. The public URL decides canonical links, the sitemap, the RSS feed
 * and OpenGraph tags, so a deployment sets STEPCHECK_SITE_URL to its own origin.
 */
export const siteConfig = {
	title: 'Stepcheck',
	tagline: 'Step-by-step security guides that check your work.',
	url: process.env.STEPCHECK_SITE_URL || 'https://stepcheck.dev',
	locale: 'en',
	/**
	 * Topics group guides on the home page, in this order; a guide names one with `topic:`
	 * (without one it joins the first). Add a topic here: an id (lower-case words joined by
	 * dashes) and the heading the home page shows.
	 */
	topics: [
		{ id: 'sign-in', label: 'Secure your sign-in' },
		{ id: 'root-user', label: 'Protect the root user' },
		{ id: 'policies', label: 'Enforce MFA with policies' },
		{ id: 'cli', label: 'MFA on the command line' },
		{ id: 'audit', label: 'Audit your account' },
		{ id: 'identity-center', label: 'IAM Identity Center' },
		{ id: 'imported', label: 'Imported' },
	],
	/**
	 * What `npm run import:hugo` gives a post that lacks them (and no --topic or --tags was
	 * passed): the topic shows imported guides together on the home page until the author
	 * moves each one, and the tag marks them in search filters.
	 */
	importDefaults: { topic: 'imported', tag: 'imported' },
	search: {
		/**
		 * Other Pagefind sites to search together with this one, such as another team's guides:
		 * `[{ url: 'https://platform.example.org/', label: 'Platform team' }]`. Each must allow
		 * this site to fetch its `pagefind/` files (CORS). STEPCHECK_SEARCH_SITES (the same list
		 * as JSON) sets it for one build.
		 */
		sites: process.env.STEPCHECK_SEARCH_SITES ? JSON.parse(process.env.STEPCHECK_SEARCH_SITES) : [],
		/**
		 * Words and phrases that mean the same to a reader. A guide whose title, description,
		 * tags or keywords use one of a group is also found by the others (indexed as hidden,
		 * lightly weighted words). Keep each group to true synonyms: a loose one lifts guides
		 * that only mention the word.
		 */
		synonyms: [
			[
				'mfa',
				'multi-factor authentication',
				'multi-factor',
				'multifactor',
				'2fa',
				'two-factor',
				'two-factor authentication',
				'two-step verification',
				'2-step verification',
				'second factor',
			],
			['passkey', 'passkeys', 'security key', 'hardware key', 'fido', 'fido2', 'yubikey', 'webauthn'],
			['authenticator app', 'virtual mfa', 'totp', 'google authenticator', 'microsoft authenticator', 'one-time code'],
			['root user', 'root account', 'account owner'],
			['require', 'enforce', 'force', 'mandatory', 'mandate'],
			['cli', 'command line', 'terminal', 'aws cli'],
			['access keys', 'access key', 'api keys', 'programmatic access'],
			['identity center', 'iam identity center', 'aws sso', 'single sign-on'],
			['sign-in', 'sign in', 'log in', 'login'],
			['recovery', 'recover', 'regain access', 'locked out'],
			['audit', 'compliance', 'inventory'],
			['daily', 'every day', 'day to day'],
			['organizations', 'aws organizations', 'member accounts', 'multi-account'],
		],
	},
};
