import type { Identity, Verdict } from './result-schema';

/** How a verdict reads wherever a result is shown: the island, the checkup table, a Markdown report. */
export const VERDICT_LABELS: Record<Verdict, string> = {
	pass: 'Pass',
	fail: 'Fail',
	warn: 'Warning',
	'not-applicable': 'Not applicable',
	unknown: 'Could not check',
};

/** Who was checked, by kind of identity. */
export const IDENTITY_LABELS: Record<Identity['type'], string> = {
	root: 'Root user',
	'iam-user': 'IAM user',
	'identity-center': 'IAM Identity Center user',
	'assumed-role': 'Assumed role',
	'federated-user': 'Federated user',
	unknown: 'Unknown identity',
};
