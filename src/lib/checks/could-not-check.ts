import type { AwsErrorCode, CheckError, CouldNotCheck, CouldNotCheckCause } from './result-schema';

/** How each cause reads as a label (the checkup headline, a table row, a Markdown report). */
export const CAUSE_LABELS: Record<CouldNotCheckCause, string> = {
	'no-credentials': 'no credentials found',
	'credentials-rejected': 'credentials rejected or expired',
	'access-denied': 'access denied',
	unreachable: 'no connection or no answer',
	'rate-limited': 'rate-limited',
	'unsupported-path': 'cannot run on this path',
	unexpected: 'unexpected error',
};

const CAUSE_OF_ERROR: Record<AwsErrorCode, CouldNotCheckCause> = {
	'no-credentials': 'no-credentials',
	'sso-session-expired': 'credentials-rejected',
	'credentials-expired': 'credentials-rejected',
	'credentials-invalid': 'credentials-rejected',
	'access-denied': 'access-denied',
	throttled: 'rate-limited',
	'report-not-ready': 'rate-limited',
	'aws-unavailable': 'unreachable',
	'timed-out': 'unreachable',
	'deadline-exceeded': 'unreachable',
	'connection-failed': 'unreachable',
	'connection-reset': 'unreachable',
	// AWS, or something in its place, did answer: "no connection" would send the reader to the wrong fix.
	'unparseable-response': 'unexpected',
	'not-found': 'unexpected',
	unexpected: 'unexpected',
};

/** Seconds to wait after AWS throttled a check, or while it writes the credential report. */
const AWS_RETRY_SECONDS: Partial<Record<AwsErrorCode, number>> = { throttled: 60, 'report-not-ready': 10 };

/** The error a reader should deal with first: the one whose fix lets the others through. */
const PRIORITY: readonly CouldNotCheckCause[] = [
	'no-credentials',
	'credentials-rejected',
	'unreachable',
	'rate-limited',
	'access-denied',
	'unexpected',
	'unsupported-path',
];

/**
 * The could-not-check of a result whose check learned nothing (`unknown`): the cause of the
 * errors its calls met, or, with no error, that no path can read this (AWS has no API for it,
 * or the file holds what the check cannot look into), with the check's own summary as what to
 * do. Null when the check reached a verdict.
 */
export function couldNotCheckFromErrors(verdict: string, errors: readonly CheckError[], summary = ''): CouldNotCheck | null {
	if (verdict !== 'unknown') return null;
	if (errors.length === 0) return { cause: 'unsupported-path', message: summary };
	const rank = (error: CheckError) => PRIORITY.indexOf(CAUSE_OF_ERROR[error.code]);
	const first = [...errors].sort((a, b) => rank(a) - rank(b))[0]!;
	const cause = CAUSE_OF_ERROR[first.code];
	const retry = AWS_RETRY_SECONDS[first.code];
	return { cause, message: first.message, ...(retry ? { retryAfterSeconds: retry } : {}) };
}

/** "Could not check (access denied). What to do.", after the check's summary unless the summary is that message. */
export function couldNotCheckSentence(reason: CouldNotCheck, summary = ''): string {
	const sentence = `Could not check (${CAUSE_LABELS[reason.cause]}). ${reason.message}`;
	return summary && summary !== reason.message ? `${summary} ${sentence}` : sentence;
}
