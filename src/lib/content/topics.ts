/** Topics group guides on the home page, in this order. */
export const TOPICS = {
	'sign-in': 'Secure your sign-in',
	'root-user': 'Protect the root user',
	policies: 'Enforce MFA with policies',
	cli: 'MFA on the command line',
	audit: 'Audit your account',
	'identity-center': 'IAM Identity Center',
} as const;

export type Topic = keyof typeof TOPICS;
export const TOPIC_IDS = Object.keys(TOPICS) as [Topic, ...Topic[]];
