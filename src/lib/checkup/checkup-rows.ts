import { CAUSE_LABELS, couldNotCheckSentence } from '../checks/could-not-check';
import { VERDICT_LABELS as CHECK_VERDICT_LABELS } from '../checks/labels';
import type { CouldNotCheck, CouldNotCheckCause } from '../checks/result-schema';
import type { Verdict } from './checkup-catalog';
import { resultDoesNotApply } from './checkup-plan';
import type { CheckupEntry } from './run-checkup';

/** A row's verdict: a check's verdict, or `try-again` when a rate limit refused it (not a failure). */
export type RowVerdict = Verdict | 'try-again';

/** Riskiest first. A refused check sits with the unknowns: nothing is known about it yet. */
const RISK_ORDER: readonly RowVerdict[] = ['fail', 'warn', 'unknown', 'try-again', 'pass', 'not-applicable'];

export const VERDICT_LABELS: Record<RowVerdict, string> = { ...CHECK_VERDICT_LABELS, 'try-again': 'Try again' };

export interface CheckupRow {
	check: string;
	title: string;
	verdict: RowVerdict;
	/** One line: the check's summary, or why it was not run. */
	finding: string;
	/** The step that fixes the finding (or, for a pass, the step it verified): a site path with `#step-N`. */
	fix: { href: string; label: string };
	/** With `try-again`: how long the limit asks to wait. */
	retryAfterSeconds?: number;
	/** ISO time of the result, when there is one. */
	checkedAt?: string;
	/** With `unknown` and `try-again`: why nothing could be read, and what to do. */
	couldNotCheck?: CouldNotCheck;
}

function fixFor(entry: CheckupEntry): CheckupRow['fix'] {
	const { check, answer } = entry;
	const advised = answer.kind === 'result' ? answer.body.advice.find((advice) => advice.guideStep?.includes('#step-')) : undefined;
	if (advised?.guideStep) return { href: advised.guideStep, label: advised.guideStepLabel ?? `${check.guideTitle}, the step it links` };
	const step = check.steps[0] ?? 1;
	return { href: `/guides/${check.guide}/#step-${step}`, label: `${check.guideTitle}, step ${step}` };
}

/** The table row of one entry. */
function checkupRow(entry: CheckupEntry): CheckupRow {
	const { check, answer } = entry;
	const base = { check: check.id, title: check.title, fix: fixFor(entry) };
	switch (answer.kind) {
		case 'result': {
			const doesNotApply = resultDoesNotApply(answer.body);
			if (doesNotApply) return { ...base, verdict: 'not-applicable', finding: oneLine(doesNotApply), checkedAt: answer.body.checkedAt };
			if (answer.body.verdict !== 'unknown')
				return { ...base, verdict: answer.body.verdict, finding: oneLine(answer.body.summary), checkedAt: answer.body.checkedAt };
			const reason = answer.body.couldNotCheck ?? { cause: 'unsupported-path', message: answer.body.summary };
			return {
				...base,
				verdict: reason.cause === 'rate-limited' ? 'try-again' : 'unknown',
				finding: oneLine(couldNotCheckSentence(reason, answer.body.summary)),
				checkedAt: answer.body.checkedAt,
				couldNotCheck: reason,
				...(reason.retryAfterSeconds ? { retryAfterSeconds: reason.retryAfterSeconds } : {}),
			};
		}
		case 'rate-limited':
			return {
				...base,
				verdict: 'try-again',
				finding: `Could not check (rate-limited): too many checks in a minute. Try again in ${answer.retryAfterSeconds} s.`,
				retryAfterSeconds: answer.retryAfterSeconds,
				couldNotCheck: { cause: 'rate-limited', message: answer.message, retryAfterSeconds: answer.retryAfterSeconds },
			};
		case 'skipped':
			return { ...base, verdict: 'not-applicable', finding: oneLine(answer.reason) };
		case 'unsupported':
		case 'refused':
		case 'unreachable': {
			const reason = { cause: answer.cause, message: oneLine(answer.message) };
			return { ...base, verdict: 'unknown', finding: couldNotCheckSentence(reason), couldNotCheck: reason };
		}
	}
}

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** Every row, riskiest first; checks of equal risk keep the catalog's order. */
export function checkupRows(entries: readonly CheckupEntry[]): CheckupRow[] {
	const rank = (row: CheckupRow) => RISK_ORDER.indexOf(row.verdict);
	return entries
		.map(checkupRow)
		.map((row, index) => ({ row, index }))
		.sort((a, b) => rank(a.row) - rank(b.row) || a.index - b.index)
		.map(({ row }) => row);
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** Could-not-check rows grouped by cause, most common first: "2 access denied, 1 rate-limited". */
function causeCounts(rows: readonly CheckupRow[]): string {
	const counts = new Map<CouldNotCheckCause, number>();
	for (const row of rows) if (row.couldNotCheck) counts.set(row.couldNotCheck.cause, (counts.get(row.couldNotCheck.cause) ?? 0) + 1);
	return [...counts]
		.sort((a, b) => b[1] - a[1])
		.map(([cause, count]) => `${count} ${CAUSE_LABELS[cause]}`)
		.join(', ');
}

/**
 * The headline: first what could not be checked and why, then what to fix. "Nothing to fix"
 * only when every check that applies passed; a run that learned nothing never reads as fine.
 */
export function summaryLine(rows: readonly CheckupRow[]): string {
	const count = (...verdicts: RowVerdict[]) => rows.filter((row) => verdicts.includes(row.verdict)).length;
	const couldNot = rows.filter((row) => row.couldNotCheck || row.verdict === 'unknown' || row.verdict === 'try-again');
	const fix = count('fail');
	const look = count('warn');
	const fine = count('pass');
	const notApplicable = count('not-applicable');
	const waits = couldNot.flatMap((row) => (row.retryAfterSeconds ? [row.retryAfterSeconds] : []));
	const applicable = rows.length - notApplicable;
	const parts = [
		couldNot.length > 0 &&
			`Could not check ${couldNot.length} of ${applicable} (${causeCounts(couldNot)})${waits.length > 0 ? `: try again in ${Math.max(...waits)} s` : ''}`,
		fix > 0 && plural(fix, 'thing to fix', 'things to fix'),
		fix === 0 && couldNot.length > 0 && fine + look > 0 && 'no failures in the checks that could read',
		fix === 0 && couldNot.length === 0 && look === 0 && fine > 0 && 'Nothing to fix',
		look > 0 && `${look} to look at`,
		fine > 0 && `${fine} fine`,
		notApplicable > 0 && `${notApplicable} not applicable`,
	];
	return parts.filter(Boolean).join(', ');
}
