import { mergePolicies } from '../checks/check-policy';
import { IDENTITY_LABELS } from '../checks/labels';
import type { CouldNotCheck, IamPolicy } from '../checks/result-schema';
import type { CheckIdentity } from './checkup-catalog';
import { VERDICT_LABELS, type CheckupRow } from './checkup-rows';
import type { CheckupEntry } from './run-checkup';

/**
 * What a reader takes away from a checkup: Markdown for a ticket or a chat, and the results
 * as JSON. Results never carry credentials (the checks return none); `redactSecrets` is the
 * last guard, so a key that somehow reached a summary still never leaves the page.
 */

// Access key ids (long-term AKIA, temporary ASIA, and the other documented prefixes), and
// the 40-character secret or a session token written as `name = value` or `"Name": "value"`.
// No word boundaries: a key id glued to other text is still a key id.
const KEY_ID = /(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}/g;
const NAMED_SECRET =
	/((?:aws_secret_access_key|aws_session_token|secretaccesskey|sessiontoken|secret_access_key|session_token)["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{16,}/gi;

// A run of 40 or more of the characters secrets are written in: with both cases and a digit, / or +
// it is a secret access key (or one glued to more), at 100 or more a session token, named or not.
const BARE_RUN = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40,}(?![A-Za-z0-9/+=])/g;
const isBareSecret = (run: string) => run.length >= 100 || (/[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9/+]/.test(run));

const REDACTED = '(redacted)';

export function redactSecrets(text: string): string {
	return text
		.replace(KEY_ID, REDACTED)
		.replace(NAMED_SECRET, (_, name: string) => `${name}${REDACTED}`)
		.replace(BARE_RUN, (run) => (isBareSecret(run) ? REDACTED : run));
}

/** Direction overrides and marks: shown by name, so a name from AWS cannot reorder the text around it. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * What GitHub and chat tools turn into live links without any Markdown (bare URLs, `www.`
 * addresses, e-mail addresses) is defanged the way security tickets write it, and bidi
 * controls are shown by name.
 */
function neutralise(text: string): string {
	return text
		.replace(BIDI, (character) => `(U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`)
		.replace(/([a-z][a-z0-9+.-]*):\/\//gi, '$1[:]//')
		.replace(/www\./gi, (www) => `${www.slice(0, 3)}[.]`)
		.replace(/(\S)@(?=[^\s@]+\.[^\s@])/g, '$1[@]');
}

/** A check that gave no result body still appears, as could not check and why: a report never drops what it did not learn. */
function couldNotCheckEntry(entry: CheckupEntry): Array<{ check: string; verdict: 'unknown'; couldNotCheck: CouldNotCheck }> {
	const { answer } = entry;
	if (answer.kind === 'result' || answer.kind === 'skipped') return [];
	const couldNotCheck =
		answer.kind === 'rate-limited'
			? { cause: 'rate-limited' as const, message: answer.message, retryAfterSeconds: answer.retryAfterSeconds }
			: { cause: answer.cause, message: answer.message };
	return [{ check: entry.check.id, verdict: 'unknown', couldNotCheck }];
}

/** The results exactly as the API returned them, one array; checks that gave none say why they could not check (skipped checks are left out). */
export function checkupJson(entries: readonly CheckupEntry[]): string {
	const bodies = entries.flatMap((entry): object[] => (entry.answer.kind === 'result' ? [entry.answer.body] : couldNotCheckEntry(entry)));
	return redactSecrets(`${JSON.stringify(bodies, null, 2)}\n`);
}

/** Text in a Markdown table cell: no secrets, no line breaks, and Markdown's own characters taken literally. */
export function markdownCell(text: string): string {
	return neutralise(redactSecrets(text))
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/[\\`*_[\]<>|#~]/g, (character) => `\\${character}`);
}

/**
 * The one read-only policy that lets every check AWS denied read what it needs (their minimal
 * policies merged), or null when no check was denied. The page, the Markdown and the JSON (in
 * each body) all carry it.
 */
export function deniedPolicy(entries: readonly CheckupEntry[]): IamPolicy | null {
	return mergePolicies(
		entries.flatMap((entry) =>
			entry.answer.kind === 'result' && entry.answer.body.couldNotCheck?.cause === 'access-denied' ? [entry.answer.body.minimalPolicy] : [],
		),
	);
}

/** What the page and the Markdown say above that policy. */
export const DENIED_POLICY_INTRO =
	'Some checks were denied. This read-only policy lets all of them read what they need; ask an administrator to attach it:';

/**
 * A fenced block that nothing inside can close: the fence is longer than any run of backticks
 * in the text, and the text is defanged like every other part of the report.
 */
function fencedBlock(language: string, text: string): string[] {
	const safe = neutralise(redactSecrets(text));
	const longest = Math.max(0, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
	const fence = '`'.repeat(Math.max(3, longest + 1));
	return [`${fence}${language}`, safe, fence];
}

/** Who was checked, in words, without the account number or ARN (a chat is not the place for them). */
export function identityLabel(identity: CheckIdentity | null): string {
	if (!identity) return 'Unknown identity';
	const name = identity.userName ?? identity.roleName;
	return name ? `${IDENTITY_LABELS[identity.type]} ${name}` : IDENTITY_LABELS[identity.type];
}

/** Day and minute in UTC, the same for every reader of a ticket. */
function utcMinute(iso: string): string {
	return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function checkupMarkdown(report: {
	rows: readonly CheckupRow[];
	summary: string;
	identity: CheckIdentity | null;
	checkedAt: string;
	/** Where the step links point: the published site, so the links work for whoever reads the ticket. */
	siteUrl: string;
	/** `deniedPolicy` of the checkup: shown after the table, so whoever reads the ticket can attach it. */
	deniedPolicy: IamPolicy | null;
}): string {
	const link = (row: CheckupRow) => `[${markdownCell(row.fix.label)}](${new URL(row.fix.href, report.siteUrl).href})`;
	const lines = [
		'## AWS account checkup (Stepcheck)',
		'',
		`${markdownCell(report.summary)}.`,
		'',
		`Checked ${utcMinute(report.checkedAt)} as ${markdownCell(identityLabel(report.identity))}.`,
		'',
		'| Check | Verdict | Finding | Step that fixes it |',
		'| --- | --- | --- | --- |',
		...report.rows.map(
			(row) => `| ${markdownCell(row.title)} | ${VERDICT_LABELS[row.verdict]} | ${markdownCell(row.finding)} | ${link(row)} |`,
		),
		'',
		...(report.deniedPolicy ? [DENIED_POLICY_INTRO, '', ...fencedBlock('json', JSON.stringify(report.deniedPolicy, null, 2)), ''] : []),
	];
	return redactSecrets(lines.join('\n'));
}
