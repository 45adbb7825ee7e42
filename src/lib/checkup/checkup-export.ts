import { IDENTITY_LABELS } from '../checks/labels';
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
const KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}\b/g;
const NAMED_SECRET =
	/((?:aws_secret_access_key|aws_session_token|secretaccesskey|sessiontoken|secret_access_key|session_token)["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{16,}/gi;

const REDACTED = '(redacted)';

export function redactSecrets(text: string): string {
	return text.replace(KEY_ID, REDACTED).replace(NAMED_SECRET, (_, name: string) => `${name}${REDACTED}`);
}

/** A check that gave no result body still appears, as could not check and why: a report never drops what it did not learn. */
function couldNotCheckEntry(entry: CheckupEntry) {
	const { answer } = entry;
	if (answer.kind === 'result' || answer.kind === 'skipped') return [];
	const couldNotCheck =
		answer.kind === 'rate-limited'
			? { cause: 'rate-limited', message: answer.message, retryAfterSeconds: answer.retryAfterSeconds }
			: { cause: answer.cause, message: answer.message };
	return [{ check: entry.check.id, verdict: 'unknown', couldNotCheck }];
}

/** The results exactly as the API returned them, one array; checks that gave none say why they could not check (skipped checks are left out). */
export function checkupJson(entries: readonly CheckupEntry[]): string {
	const bodies = entries.flatMap((entry) => (entry.answer.kind === 'result' ? [entry.answer.body] : couldNotCheckEntry(entry)));
	return redactSecrets(`${JSON.stringify(bodies, null, 2)}\n`);
}

/** Text in a Markdown table cell: no secrets, no line breaks, and Markdown's own characters taken literally. */
export function markdownCell(text: string): string {
	return redactSecrets(text)
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/[\\`*_[\]<>|#~]/g, (character) => `\\${character}`);
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
	];
	return redactSecrets(lines.join('\n'));
}
