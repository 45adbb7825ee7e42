/**
 * The last result the reader got from each live check on this computer, kept in
 * localStorage beside the progress, so a guide can show at the steps a check verifies
 * whether they were verified or are still failing. Only the verdict and its time are kept:
 * no identity, account or finding text.
 */

export const CHECK_RESULTS_KEY = 'stepcheck:check-results';

/** Dispatched on `document` after a result is recorded, so the page's verified steps update at once. */
export const CHECK_RESULT_EVENT = 'stepcheck:check-result';

/** Verdicts that say something about the steps; `unknown` and `not-applicable` leave the last one standing. */
const REMEMBERED = ['pass', 'fail', 'warn'] as const;
type RememberedVerdict = (typeof REMEMBERED)[number];

export interface LastResult {
	verdict: RememberedVerdict;
	checkedAt: string;
}

const isLastResult = (value: unknown): value is LastResult =>
	typeof value === 'object' &&
	value !== null &&
	REMEMBERED.includes((value as LastResult).verdict) &&
	typeof (value as LastResult).checkedAt === 'string' &&
	!Number.isNaN(Date.parse((value as LastResult).checkedAt));

/** Every remembered result by check id; anything malformed is left out. */
export function readCheckResults(storage: Pick<Storage, 'getItem'>): Record<string, LastResult> {
	try {
		const raw: unknown = JSON.parse(storage.getItem(CHECK_RESULTS_KEY) ?? '{}');
		if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
		return Object.fromEntries(Object.entries(raw).filter(([, value]) => isLastResult(value))) as Record<string, LastResult>;
	} catch {
		return {};
	}
}

/** Remembers a check's result if its verdict says something about the steps; an older result never replaces a newer one. */
export function recordCheckResult(
	storage: Pick<Storage, 'getItem' | 'setItem'>,
	result: { check: string; verdict: string; checkedAt: string },
): void {
	const entry = { verdict: result.verdict, checkedAt: result.checkedAt };
	if (!isLastResult(entry)) return;
	const all = readCheckResults(storage);
	const previous = all[result.check];
	if (previous && Date.parse(previous.checkedAt) > Date.parse(entry.checkedAt)) return;
	all[result.check] = entry;
	try {
		storage.setItem(CHECK_RESULTS_KEY, JSON.stringify(all));
	} catch {
		// Storage full or blocked: the result shows on this visit only.
	}
}

/** "just now", "2 minutes ago", "3 hours ago", "5 days ago". */
export function timeAgo(then: Date, now: Date): string {
	const seconds = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
	const units: Array<[number, string]> = [
		[86_400, 'day'],
		[3_600, 'hour'],
		[60, 'minute'],
	];
	for (const [size, name] of units) {
		const count = Math.floor(seconds / size);
		if (count >= 1) return `${count} ${name}${count === 1 ? '' : 's'} ago`;
	}
	return 'just now';
}

/** What a verified step says about the last result: "Verified 2 minutes ago", "Still failing (checked 1 hour ago)". */
export function stepStatusText(last: LastResult, now: Date): string {
	const ago = timeAgo(new Date(last.checkedAt), now);
	if (last.verdict === 'pass') return `Verified ${ago}`;
	if (last.verdict === 'fail') return `Still failing (checked ${ago})`;
	return `Needs a look (checked ${ago})`;
}
