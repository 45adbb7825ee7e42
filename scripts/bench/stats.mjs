// @ts-check
/** Summaries of repeated measurements: the median is what the table shows, min and max show the spread. */

/**
 * @typedef {{ median: number, min: number, max: number, runs: number }} Summary
 */

/**
 * @param {readonly number[]} values
 * @returns {Summary}
 */
export function summarize(values) {
	const finite = values.filter((v) => Number.isFinite(v));
	if (finite.length === 0) {
		throw new Error(`Cannot summarize ${values.length} measurement(s): none is a finite number (got ${JSON.stringify(values)}).`);
	}
	const sorted = [...finite].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const upper = sorted[middle] ?? NaN;
	const lower = sorted[middle - 1] ?? upper;
	const median = sorted.length % 2 === 1 ? upper : (lower + upper) / 2;
	return { median, min: /** @type {number} */ (sorted[0]), max: /** @type {number} */ (sorted[sorted.length - 1]), runs: sorted.length };
}

/**
 * Summarizes every numeric field that all runs share, so a new measurement needs no new code here.
 * @template {Record<string, number | null | undefined>} T
 * @param {readonly T[]} runs
 * @returns {Record<string, Summary>}
 */
export function summarizeFields(runs) {
	/** @type {Record<string, Summary>} */
	const out = {};
	if (runs.length === 0) return out;
	for (const key of Object.keys(/** @type {T} */ (runs[0]))) {
		const values = runs.map((run) => run[key]);
		if (values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
			out[key] = summarize(/** @type {number[]} */ (values));
		}
	}
	return out;
}

/**
 * Ratio of a to b, or null when b is missing or zero (a ratio against nothing means nothing).
 * @param {number | null | undefined} a
 * @param {number | null | undefined} b
 */
export function ratio(a, b) {
	if (typeof a !== 'number' || typeof b !== 'number' || b === 0) return null;
	return a / b;
}

/**
 * The nearest-rank percentile (p95 of 20 values is the 19th smallest), so it is always a value
 * that was measured.
 * @param {readonly number[]} values
 * @param {number} p between 0 and 100
 */
export function percentile(values, p) {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0)
		throw new Error(`Cannot take the ${p}th percentile of ${values.length} measurement(s): none is a finite number.`);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return /** @type {number} */ (sorted[rank - 1]);
}
