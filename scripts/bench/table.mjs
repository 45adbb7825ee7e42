// @ts-check
/** Plain-text tables for the terminal that are also valid Markdown, so results paste into the README. */

/** @param {number} bytes */
export function formatBytes(bytes) {
	if (!Number.isFinite(bytes)) return '—';
	if (bytes < 1000) return `${bytes.toFixed(0)} B`;
	if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
	if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
	return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** @param {number} ms */
export function formatDuration(ms) {
	if (!Number.isFinite(ms)) return '—';
	return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * "median (min–max)", or just the median when every run gave the same number.
 * @param {import('./stats.mjs').Summary | null | undefined} summary
 * @param {(n: number) => string} format
 */
export function formatSummary(summary, format) {
	if (!summary) return '—';
	const median = format(summary.median);
	if (summary.runs < 2) return median;
	const [min, max] = [format(summary.min), format(summary.max)];
	return min === max ? median : `${median} (${min}–${max})`;
}

/** @param {number | null | undefined} value */
export function formatRatio(value) {
	return typeof value === 'number' && Number.isFinite(value) ? `${value.toFixed(2)}×` : '—';
}

/**
 * @param {readonly string[]} headers
 * @param {ReadonlyArray<readonly string[]>} rows
 * @returns {string}
 */
export function formatTable(headers, rows) {
	for (const [i, row] of rows.entries()) {
		if (row.length !== headers.length)
			throw new Error(`Table row ${i + 1} has ${row.length} cells but there are ${headers.length} headers (${headers.join(', ')}).`);
	}
	const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => /** @type {string} */ (r[c]).length)));
	const line = (/** @type {readonly string[]} */ cells) =>
		`| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(/** @type {number} */ (widths[c])) : cell.padStart(/** @type {number} */ (widths[c])))).join(' | ')} |`;
	const rule = `|${widths.map((w, c) => (c === 0 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`;
	return [line(headers), rule, ...rows.map(line)].join('\n');
}
