import { isoDay } from './dates';

/** A guide not checked against AWS's documentation for longer than this is flagged by the build. */
export const REVIEW_MAX_AGE_DAYS = 180;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `reviewed` to `today`, both read as UTC calendar days. */
export function daysSince(reviewed: Date, today: Date): number {
	const start = Date.UTC(reviewed.getUTCFullYear(), reviewed.getUTCMonth(), reviewed.getUTCDate());
	const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
	return Math.round((end - start) / DAY_MS);
}

/**
 * The build's warning for a guide never checked against AWS (no `reviewed`, as an imported
 * post starts) or checked too long ago; null while its review is recent.
 */
export function staleReviewWarning(file: string, reviewed: Date | undefined, today: Date): string | null {
	if (!reviewed) {
		return `${file}: not yet checked against AWS's documentation (no reviewed date). Check its facts, commands and policies, end it with a ## Sources list of the pages you checked, then set reviewed: ${isoDay(today)}.`;
	}
	const age = daysSince(reviewed, today);
	if (age <= REVIEW_MAX_AGE_DAYS) return null;
	return `${file}: reviewed ${isoDay(reviewed)}, ${age} days ago (more than ${REVIEW_MAX_AGE_DAYS}). Check its facts, commands and policies against AWS's documentation, then set reviewed: ${isoDay(today)}.`;
}
