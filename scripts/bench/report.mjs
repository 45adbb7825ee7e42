// @ts-check
/** Turns raw bench records into summaries, the figures the budgets read, and the printed tables. */
import { KINDS } from './bytes.mjs';
import { PHASES } from './builds.mjs';
import { ratio, summarizeFields } from './stats.mjs';
import { formatBytes, formatDuration, formatRatio, formatSummary, formatTable } from './table.mjs';

/** @typedef {import('./builds.mjs').BuildRecord} BuildRecord */
/** @typedef {Record<string, import('./stats.mjs').Summary>} FieldSummaries */
/** @typedef {Record<string, Record<string, Record<string, FieldSummaries>>>} BuildSummaries shape → size → phase → field → summary */

const BUILD_FIELDS = /** @type {const} */ ([
	'wallMs',
	'cpuMs',
	'peakRssBytes',
	'outputBytes',
	'outputFiles',
	'screenshots',
	'imageBytesIn',
	'imageBytesOut',
	'pagefindBytes',
]);

/**
 * @param {readonly BuildRecord[]} records one tool's records
 * @returns {BuildSummaries}
 */
export function summarizeBuilds(records) {
	/** @type {BuildSummaries} */
	const out = {};
	for (const shape of new Set(records.map((r) => r.shape))) {
		/** @type {Record<string, Record<string, FieldSummaries>>} */
		const bySize = {};
		const mine = records.filter((r) => r.shape === shape);
		for (const size of [...new Set(mine.map((r) => r.size))].sort((a, b) => a - b)) {
			bySize[size] = {};
			for (const phase of PHASES) {
				const runs = mine
					.filter((r) => r.size === size && r.phase === phase)
					.map((r) => Object.fromEntries(BUILD_FIELDS.map((f) => [f, r[f]])));
				if (runs.length) /** @type {Record<string, FieldSummaries>} */ (bySize[size])[phase] = summarizeFields(runs);
			}
		}
		out[shape] = bySize;
	}
	return out;
}

/**
 * What the bench measured on a corpus's site besides its builds.
 * @typedef {{ search?: { firstSearchBytes: number | null, medianMs: number | null, p95Ms: number | null } | null, devEditMs?: number | null }} CorpusSiteFigures
 *   medianMs and p95Ms are null when no timed search ran (`--search-queries 0`)
 * @typedef {Record<string, Record<string, CorpusSiteFigures>>} CorpusSites shape → size → figures
 */

/**
 * @param {BuildSummaries} builds
 * @param {CorpusSites} [sites]
 * @returns {import('./budgets.mjs').ShapeBuildFigures}
 */
export function buildFigures(builds, sites = {}) {
	/** @type {import('./budgets.mjs').ShapeBuildFigures} */
	const out = {};
	for (const [shape, sizes] of Object.entries(builds)) {
		/** @type {Record<string, import('./budgets.mjs').BuildFigures>} */
		const bySize = {};
		for (const [size, phases] of Object.entries(sizes)) {
			const peaks = Object.values(phases).map((p) => p.peakRssBytes?.median ?? 0);
			bySize[size] = {
				coldMs: phases.cold?.wallMs?.median,
				warmMs: phases.warm?.wallMs?.median,
				editMs: phases.edit?.wallMs?.median,
				screenshotMs: phases.screenshot?.wallMs?.median,
				peakRssBytes: peaks.length ? Math.max(...peaks) : undefined,
				outputBytes: phases.cold?.outputBytes?.median,
				outputFiles: phases.cold?.outputFiles?.median,
				screenshots: phases.cold?.screenshots?.median,
			};
			const site = sites[shape]?.[size];
			if (site?.search) {
				Object.assign(bySize[size], {
					searchFirstBytes: site.search.firstSearchBytes,
					searchMedianMs: site.search.medianMs ?? undefined,
					searchP95Ms: site.search.p95Ms ?? undefined,
				});
			}
			if (site && site.devEditMs !== undefined)
				/** @type {import('./budgets.mjs').BuildFigures} */ (bySize[size]).devEditMs = site.devEditMs;
		}
		out[shape] = bySize;
	}
	return out;
}

/**
 * @typedef {Awaited<ReturnType<typeof import('./page.mjs').measurePage>>} PageResult
 * @param {PageResult} page
 * @returns {import('./budgets.mjs').PageFigures}
 */
function pageFigures(page) {
	return {
		jsBeforeSearchBytes: page.scrolled.compressed.js + page.inlineJsBytes,
		imageBytes: page.scrolled.compressed.image,
		firstSearchBytes: page.search ? page.search.compressed.total : null,
		oversizedImages: page.oversized.length,
	};
}

/**
 * @typedef {{ builds?: BuildSummaries, sites?: CorpusSites, page?: { phone?: PageResult, desktop?: PageResult, lighthouse?: FieldSummaries } }} ToolResult
 * @param {ToolResult} result
 * @returns {import('./budgets.mjs').ToolFigures}
 */
export function toolFigures(result) {
	/** @type {import('./budgets.mjs').ToolFigures} */
	const figures = { builds: result.builds ? buildFigures(result.builds, result.sites) : {} };
	if (result.page?.phone || result.page?.desktop) {
		figures.page = {};
		if (result.page.phone) figures.page.phone = pageFigures(result.page.phone);
		if (result.page.desktop) figures.page.desktop = pageFigures(result.page.desktop);
	}
	const lh = result.page?.lighthouse;
	if (lh && lh.performance) {
		figures.lighthouse = /** @type {import('./budgets.mjs').LighthouseFigures} */ (
			Object.fromEntries(Object.entries(lh).map(([k, v]) => [k, v.median]))
		);
	}
	return figures;
}

/**
 * @param {{ stepcheck: BuildSummaries, starlight?: BuildSummaries }} builds
 */
export function buildTable({ stepcheck, starlight }) {
	const headers = ['Corpus · build', 'Wall', 'CPU', 'Peak memory', 'Output (files)', 'Images in → out', 'Pagefind'];
	if (starlight) headers.push('Starlight wall', 'Starlight CPU', 'Starlight peak', 'Starlight output (files)', 'Wall ratio', 'CPU ratio');
	const rows = [];
	const output = (/** @type {FieldSummaries | undefined} */ f) =>
		f ? `${formatBytes(f.outputBytes?.median ?? NaN)} (${f.outputFiles?.median ?? '—'})` : '—';
	for (const [shape, sizes] of Object.entries(stepcheck)) {
		for (const [size, phases] of Object.entries(sizes)) {
			for (const phase of PHASES) {
				const mine = phases[phase];
				if (!mine) continue;
				const row = [
					`${shape} ${size} · ${phase}`,
					formatSummary(mine.wallMs, formatDuration),
					formatSummary(mine.cpuMs, formatDuration),
					formatSummary(mine.peakRssBytes, formatBytes),
					output(mine),
					`${formatBytes(mine.imageBytesIn?.median ?? NaN)} → ${formatBytes(mine.imageBytesOut?.median ?? NaN)}`,
					formatBytes(mine.pagefindBytes?.median ?? NaN),
				];
				if (starlight) {
					const theirs = starlight[shape]?.[size]?.[phase];
					row.push(
						formatSummary(theirs?.wallMs, formatDuration),
						formatSummary(theirs?.cpuMs, formatDuration),
						formatSummary(theirs?.peakRssBytes, formatBytes),
						output(theirs),
						formatRatio(ratio(mine.wallMs?.median, theirs?.wallMs?.median)),
						formatRatio(ratio(mine.cpuMs?.median, theirs?.cpuMs?.median)),
					);
				}
				rows.push(row);
			}
		}
	}
	return formatTable(headers, rows);
}

/**
 * @param {{ stepcheck: ToolResult['page'], starlight?: ToolResult['page'] }} pages
 */
export function pageTable({ stepcheck, starlight }) {
	const viewports = /** @type {const} */ (['phone', 'desktop']);
	const headers = ['Compressed bytes', ...viewports.map((v) => `Stepcheck ${v}`)];
	if (starlight) headers.push(...viewports.map((v) => `Starlight ${v}`), ...viewports.map((v) => `Ratio ${v}`));
	/** @type {Array<[string, (p: PageResult) => number | null]>} */
	const metrics = [
		...KINDS.map(
			(kind) => /** @type {[string, (p: PageResult) => number]} */ ([`${kind} (load + scroll)`, (p) => p.scrolled.compressed[kind]]),
		),
		['total (load + scroll)', (p) => p.scrolled.compressed.total],
		['as served, uncompressed', (p) => p.scrolled.transferred.total],
		['JS on load (files)', (p) => p.onLoad.compressed.js],
		['JS inline in the HTML', (p) => p.inlineJsBytes],
		['first search', (p) => (p.search ? p.search.compressed.total : null)],
	];
	const cell = (/** @type {number | null | undefined} */ n) => (typeof n === 'number' ? formatBytes(n) : '—');
	const rows = metrics.map(([name, pick]) => {
		const mine = viewports.map((v) => (stepcheck?.[v] ? pick(stepcheck[v]) : null));
		const row = [name, ...mine.map(cell)];
		if (starlight) {
			const theirs = viewports.map((v) => (starlight[v] ? pick(starlight[v]) : null));
			row.push(...theirs.map(cell), ...mine.map((m, i) => formatRatio(ratio(m, theirs[i]))));
		}
		return row;
	});
	const oversized = ['images larger than shown', ...viewports.map((v) => String(stepcheck?.[v]?.oversized.length ?? '—'))];
	if (starlight) oversized.push(...viewports.map((v) => String(starlight[v]?.oversized.length ?? '—')), '', '');
	rows.push(oversized);
	return formatTable(headers, rows);
}

/**
 * @param {{ stepcheck?: FieldSummaries, starlight?: FieldSummaries }} lighthouse
 */
export function lighthouseTable({ stepcheck, starlight }) {
	const headers = ['Lighthouse (mobile)', 'Stepcheck'];
	if (starlight) headers.push('Starlight', 'Ratio');
	const metrics = /** @type {Array<[string, string, (n: number) => string]>} */ ([
		['performance', 'Performance', (n) => n.toFixed(0)],
		['accessibility', 'Accessibility', (n) => n.toFixed(0)],
		['best-practices', 'Best practices', (n) => n.toFixed(0)],
		['seo', 'SEO', (n) => n.toFixed(0)],
		['lcpMs', 'LCP', formatDuration],
		['tbtMs', 'TBT', formatDuration],
		['cls', 'CLS', (n) => n.toFixed(3)],
	]);
	const rows = metrics.map(([key, name, format]) => {
		const row = [name, formatSummary(stepcheck?.[key], format)];
		if (starlight) row.push(formatSummary(starlight[key], format), formatRatio(ratio(stepcheck?.[key]?.median, starlight[key]?.median)));
		return row;
	});
	return formatTable(headers, rows);
}

/** @param {readonly import('./budgets.mjs').BudgetResult[]} budgets */
export function budgetLines(budgets) {
	const mark = { met: 'met    ', missed: 'MISSED ', unchecked: 'not checked' };
	return budgets.map((b) => `  ${mark[b.status].padEnd(11)} ${b.budget}: ${b.detail}`).join('\n');
}

/**
 * One row per corpus shape and size: what the deployable site weighs against the hosts' file
 * limits, search on it in Chromium, and the astro dev edit, beside Starlight's when measured.
 * @param {{ stepcheck: { builds: BuildSummaries, sites: CorpusSites }, starlight?: { builds?: BuildSummaries, sites: CorpusSites } }} tools
 */
export function corpusSiteTable({ stepcheck, starlight }) {
	const headers = ['Corpus', 'Files per 100 guides', 'Guides in 20,000 files', 'First search', 'Search median, p95', 'Dev edit'];
	if (starlight) headers.push('Starlight files per 100', 'Starlight first search', 'Starlight search median, p95', 'Starlight dev edit');
	const per100 = (/** @type {BuildSummaries | undefined} */ builds, /** @type {string} */ shape, /** @type {string} */ size) => {
		const files = builds?.[shape]?.[size]?.cold?.outputFiles?.median;
		return typeof files === 'number' ? (files / Number(size)) * 100 : NaN;
	};
	const search = (/** @type {CorpusSiteFigures | undefined} */ site) =>
		typeof site?.search?.medianMs === 'number' && typeof site.search.p95Ms === 'number'
			? `${formatDuration(site.search.medianMs)}, ${formatDuration(site.search.p95Ms)}`
			: '—';
	const first = (/** @type {CorpusSiteFigures | undefined} */ site) =>
		typeof site?.search?.firstSearchBytes === 'number' ? formatBytes(site.search.firstSearchBytes) : '—';
	const dev = (/** @type {CorpusSiteFigures | undefined} */ site) =>
		typeof site?.devEditMs === 'number' ? formatDuration(site.devEditMs) : '—';
	const rows = [];
	for (const [shape, sizes] of Object.entries(stepcheck.builds)) {
		for (const size of Object.keys(sizes)) {
			const files = per100(stepcheck.builds, shape, size);
			const mine = stepcheck.sites[shape]?.[size];
			const row = [
				`${shape} ${size}`,
				Number.isFinite(files) ? files.toFixed(0) : '—',
				Number.isFinite(files) ? String(Math.floor((20_000 / files) * 100)) : '—',
				first(mine),
				search(mine),
				dev(mine),
			];
			if (starlight) {
				const theirs = starlight.sites[shape]?.[size];
				const theirFiles = per100(starlight.builds, shape, size);
				row.push(Number.isFinite(theirFiles) ? theirFiles.toFixed(0) : '—', first(theirs), search(theirs), dev(theirs));
			}
			rows.push(row);
		}
	}
	return formatTable(headers, rows);
}
