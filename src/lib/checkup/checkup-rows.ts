import { VERDICT_LABELS as CHECK_VERDICT_LABELS } from '../checks/labels';
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
			return {
				...base,
				verdict: doesNotApply ? 'not-applicable' : answer.body.verdict,
				finding: oneLine(doesNotApply ?? answer.body.summary),
				checkedAt: answer.body.checkedAt,
			};
		}
		case 'rate-limited':
			return {
				...base,
				verdict: 'try-again',
				finding: `Not checked yet: too many checks in a minute. Try again in ${answer.retryAfterSeconds} s.`,
				retryAfterSeconds: answer.retryAfterSeconds,
			};
		case 'skipped':
			return { ...base, verdict: 'not-applicable', finding: oneLine(answer.reason) };
		case 'unsupported':
			return { ...base, verdict: 'not-applicable', finding: oneLine(answer.message) };
		case 'refused':
		case 'unreachable':
			return { ...base, verdict: 'unknown', finding: oneLine(answer.message) };
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

/** "2 things to fix, 1 to look at, 4 fine": counts that are zero are left out, except when nothing is to fix. */
export function summaryLine(rows: readonly CheckupRow[]): string {
	const count = (...verdicts: RowVerdict[]) => rows.filter((row) => verdicts.includes(row.verdict)).length;
	const fix = count('fail');
	const look = count('warn', 'unknown');
	const fine = count('pass');
	const notApplicable = count('not-applicable');
	const waits = rows.flatMap((row) => (row.retryAfterSeconds ? [row.retryAfterSeconds] : []));
	const parts = [
		fix > 0 ? plural(fix, 'thing to fix', 'things to fix') : 'Nothing to fix',
		look > 0 && `${look} to look at`,
		fine > 0 && `${fine} fine`,
		notApplicable > 0 && `${notApplicable} not applicable`,
		waits.length > 0 && `${waits.length} to try again in ${Math.max(...waits)} s`,
	];
	return parts.filter(Boolean).join(', ');
}
