// `npm run bench`: build speed, page weight and Lighthouse, optionally side by side with
// stock Starlight, checked against the budgets of issue 7. Not part of `npm test`.
// The pieces live in scripts/bench/; `npm run bench -- --help` lists the options.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { benchFolder, parseBenchArgs, USAGE } from './bench/args.mjs';
import { benchRun, runOrder, stepcheckOutputs } from './bench/builds.mjs';
import { checkBudgets, missedBudgets } from './bench/budgets.mjs';
import { measureCompanion } from './bench/companion.mjs';
import { measureDevEdit } from './bench/dev-edit.mjs';
import { freePort } from './bench/free-port.mjs';
import { measureSearch, TIMED_QUERIES } from './bench/search-speed.mjs';
import { launchBrowser } from './bench/browser.mjs';
import { copyCorpus, ensureCorpus } from './bench/corpus-writer.mjs';
import { guideId, planCorpus } from './bench/corpus.mjs';
import { runLighthouse } from './bench/lighthouse.mjs';
import { measurePage } from './bench/page.mjs';
import { budgetLines, buildTable, corpusSiteTable, lighthouseTable, pageTable, summarizeBuilds, toolFigures } from './bench/report.mjs';
import { createStarlightProject, starlightGuidesDir, starlightPage, starlightSitesDir } from './bench/starlight.mjs';
import { serveStatic } from './static-server.mjs';
import { summarizeFields } from './bench/stats.mjs';
import { installedVersion } from './bench/installed-version.mjs';
import { installedTool } from './tools.mjs';

const ROOT = resolve(import.meta.dirname, '..');
/** The page the page budgets are about: the real MFA guide (guidePath(id) is /guides/<id>/). */
const MFA_GUIDE = 'turn-on-mfa-aws';
const MFA_PATH = `/guides/${MFA_GUIDE}/`;
/** The dense corpus's page the page budgets are also checked on: its first guide, which has a step 6 with a nested list. */
const DENSE_PATH = `/guides/${guideId(1)}/`;

const started = Date.now();
const log = (/** @type {string} */ line) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

let options;
/** The corpus, work folders and results: `.bench/` by default, whose corpora other runs reuse; a test's own folder with `--dir`. */
let BENCH = '';
try {
	options = parseBenchArgs(process.argv.slice(2));
	BENCH = benchFolder(ROOT, options.dir);
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(2);
}
if (options.help) {
	console.log(USAGE);
	process.exit(0);
}

/** Starts the built site with the real production server and waits until it answers. */
async function startStepcheckServer(outDir) {
	const port = await freePort();
	const child = spawn(process.execPath, ['scripts/serve.mjs'], {
		cwd: ROOT,
		env: { ...process.env, STEPCHECK_OUT_DIR: outDir, HOST: '127.0.0.1', PORT: String(port) },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 200; i += 1) {
		if (child.exitCode !== null) throw new Error(`scripts/serve.mjs exited early (code ${child.exitCode}):\n${output}`);
		try {
			await fetch(`${url}/`);
			return {
				url,
				stop: () =>
					new Promise((done) => {
						if (child.exitCode !== null) return done();
						child.once('exit', done);
						child.kill('SIGTERM');
					}),
			};
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	child.kill('SIGTERM');
	throw new Error(`scripts/serve.mjs did not answer on ${url} within 20 s:\n${output}`);
}

/**
 * Search speed on each tool's last build of a corpus, then the astro dev edit, one tool after the other.
 * @param {import('./bench/builds.mjs').BuildTarget[]} targets
 * @param {string} guide
 */
async function measureCorpusSites(targets, guide) {
	const browser = await launchBrowser();
	try {
		for (const target of targets) {
			const label = `${target.tool} · ${target.size} ${target.shape}`;
			const figures = {};
			if (!options.skipSearch) {
				const server =
					target.tool === 'stepcheck' ? await startStepcheckServer(dirname(target.clientDir)) : await serveStatic(target.clientDir);
				try {
					figures.search = await measureSearch({
						browser,
						url: `${server.url}/guides/${guide}/`,
						tool: target.tool,
						queries: TIMED_QUERIES.slice(0, options.searchQueries),
					});
					const { medianMs, p95Ms } = figures.search;
					log(
						`${label}: first search ${(figures.search.firstSearchBytes / 1000).toFixed(1)} kB; ${medianMs === null || p95Ms === null ? 'no timed searches' : `typing to results median ${medianMs.toFixed(0)} ms, p95 ${p95Ms.toFixed(0)} ms`}`,
					);
				} catch (error) {
					log(`${label}: search not measured: ${error instanceof Error ? error.message : error}`);
					figures.search = null;
				} finally {
					await server.stop();
				}
			}
			if (!options.skipDev) {
				try {
					const dev = await measureDevEdit({
						browser,
						cwd: target.cwd,
						env: devEnv(target),
						guidesDir: target.guidesDir,
						pristineDir: target.pristineDir,
						guide,
						transform: target.transform,
						runs: options.runs,
						log,
						label: `${label} · dev`,
					});
					figures.devEdit = dev;
					figures.devEditMs = dev.medianMs;
				} catch (error) {
					// The builds measured so far still count; the budget says the edit was not seen.
					log(`${label}: dev edit not measured: ${error instanceof Error ? error.message : error}`);
					figures.devEditMs = null;
				}
			}
			const bySize = (results.sites[target.tool][target.shape] ??= {});
			bySize[target.size] = figures;
		}
	} finally {
		await browser.close();
	}
}

/** The dev server keeps its own cache, beside the build's, so it never changes what a warm build finds. */
function devEnv(/** @type {import('./bench/builds.mjs').BuildTarget} */ target) {
	const env = { ...target.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };
	if (target.tool === 'stepcheck') env.STEPCHECK_CACHE_DIR = `${env.STEPCHECK_CACHE_DIR}-dev`;
	return env;
}

/** One production-style build without measurement, for the page measurement. */
async function buildOnce(label, cwd, env) {
	log(`${label}: building for the page measurement…`);
	const { measureCommand } = await import('./bench/process-tree.mjs');
	const result = await measureCommand({
		command: 'npm',
		args: ['run', '--silent', 'build'],
		cwd,
		env: { ...env, PATH: `${join(process.execPath, '..')}:${process.env.PATH}` },
	});
	if (result.exitCode !== 0)
		throw new Error(`${label}: build failed (exit ${result.exitCode}) in ${cwd}:\n${result.output.split('\n').slice(-40).join('\n')}`);
}

async function measureSite(label, url, browser, lighthouseDir) {
	const page = {};
	for (const viewport of /** @type {const} */ (['phone', 'desktop'])) {
		log(`${label}: loading ${url} at the ${viewport} viewport…`);
		page[viewport] = await measurePage({ browser, url, viewport });
		const p = page[viewport];
		log(
			`${label} · ${viewport}: ${(p.scrolled.compressed.total / 1000).toFixed(1)} kB compressed (${(p.scrolled.compressed.js / 1000).toFixed(1)} kB JS, ${(p.scrolled.compressed.image / 1000).toFixed(1)} kB images); search ${p.search ? `${(p.search.compressed.total / 1000).toFixed(1)} kB` : 'not opened'}`,
		);
	}
	const runs = await runLighthouse({
		toolDir: lighthouseDir,
		url,
		scratch: join(BENCH, 'results', 'lighthouse'),
		runs: options.lighthouseRuns,
		log,
		label,
	});
	page.lighthouseRuns = runs;
	page.lighthouse = summarizeFields(runs);
	return page;
}

const results = {
	date: new Date().toISOString(),
	machine: {
		cpus: cpus().length,
		cpuModel: cpus()[0]?.model ?? 'unknown',
		memoryBytes: totalmem(),
		kernel: release(),
		node: process.version,
		loadAverageAtStart: loadavg(),
	},
	options,
	method: {
		cpu: 'cutime+cstime of the bench process from /proc/self/stat before and after each build (CPU of the whole reaped process tree)',
		memory: 'sum of VmRSS over the build process and its descendants, sampled every 100 ms; the peak',
		order:
			'side by side, run by run: run 1 of each tool, then run 2 with the other tool first, and so on, so drift in the machine weighs on both alike',
		pageBytes:
			'compressed = gzip -6 of text bodies the server sent uncompressed, bodies as sent otherwise, no headers; transferred = headers + body as served',
	},
	versions: { stepcheckAstro: installedVersion(ROOT, 'astro') },
	builds: {},
	/** Per tool, shape and size: search in Chromium on the corpus's site, and the astro dev edit. */
	sites: { stepcheck: {}, starlight: {} },
	page: {},
	densePage: {},
	budgets: [],
	companion: null,
};
mkdirSync(join(BENCH, 'results', 'lighthouse'), { recursive: true });
log(
	`machine: ${results.machine.cpus} × ${results.machine.cpuModel}, ${(results.machine.memoryBytes / 1e9).toFixed(1)} GB, load average ${loadavg()
		.map((n) => n.toFixed(1))
		.join(' ')} (other work on the machine skews wall times; CPU times less so)`,
);

try {
	let starlightDir = null;
	/** Where this run's Starlight projects go (a subfolder of their own for a bench folder given with --dir). */
	let starlightSites = '';
	if (options.withStarlight) {
		starlightDir = dirname(installedTool('starlight', { log }));
		starlightSites = starlightSitesDir(starlightDir, options.dir ? BENCH : null);
		results.versions.starlight = installedVersion(starlightDir, '@astrojs/starlight');
		results.versions.starlightAstro = installedVersion(starlightDir, 'astro');
	}

	/** Where the smallest dense corpus was built, for the dense page measurement. @type {{ stepcheck: string, starlight: string | null } | null} */
	let denseSite = null;
	if (!options.skipBuilds) {
		const records = { stepcheck: [], starlight: [] };
		const firstGuide = guideId(1);
		for (const shape of options.shapes) {
			// The screenshot build replaces the first guide's first screenshot, whose name depends on the shape.
			const firstScreenshot = planCorpus(1, options.seed, shape)[0]?.screenshots[0]?.file;
			if (!firstScreenshot) throw new Error(`The first ${shape} guide has no screenshot for the screenshot build to replace.`);
			for (const size of options.sizes) {
				const pristine = await ensureCorpus({ benchDir: BENCH, size, seed: options.seed, shape, log });
				const work = join(BENCH, 'work', `stepcheck-${shape}-${size}`);
				const content = join(work, 'content');
				copyCorpus(pristine, content);
				const out = stepcheckOutputs(work);
				/** @type {import('./bench/builds.mjs').BuildTarget[]} */
				const targets = [
					{
						tool: 'stepcheck',
						shape,
						size,
						cwd: ROOT,
						guidesDir: content,
						pristineDir: pristine,
						env: { ...process.env, STEPCHECK_CONTENT_DIR: content, STEPCHECK_OUT_DIR: out.outDir, STEPCHECK_CACHE_DIR: out.cacheDir },
						removeForCold: [out.outDir, out.cacheDir],
						clientDir: out.clientDir,
						pagefindDir: out.pagefindDir,
					},
				];
				if (starlightDir) {
					const project = createStarlightProject({
						toolDir: starlightDir,
						sitesDir: starlightSites,
						name: `corpus-${shape}-${size}`,
						guidesFrom: pristine,
					});
					targets.push({
						tool: 'starlight',
						shape,
						size,
						cwd: project,
						guidesDir: starlightGuidesDir(project),
						pristineDir: pristine,
						env: { ...process.env },
						removeForCold: [join(project, 'dist'), join(project, '.cache'), join(project, '.astro')],
						clientDir: join(project, 'dist'),
						pagefindDir: join(project, 'dist', 'pagefind'),
						transform: starlightPage,
					});
				}
				if (shape === 'dense' && !denseSite)
					denseSite = { stepcheck: out.outDir, starlight: targets[1] ? join(targets[1].cwd, 'dist') : null };
				for (const { tool: target, run } of runOrder(targets, options.runs)) {
					records[target.tool].push(
						...(await benchRun(target, run, {
							runs: options.runs,
							phases: options.phases,
							log,
							verbose: options.verbose,
							firstGuide,
							firstScreenshot,
						})),
					);
				}
				if (!options.skipSearch || !options.skipDev) await measureCorpusSites(targets, firstGuide);
			}
		}
		results.builds.records = records;
		results.builds.stepcheck = summarizeBuilds(records.stepcheck);
		if (starlightDir) results.builds.starlight = summarizeBuilds(records.starlight);
	}

	if (!options.skipPage) {
		const lighthouseDir = dirname(installedTool('lighthouse', { log }));
		results.versions.lighthouse = installedVersion(lighthouseDir, 'lighthouse');
		const site = join(BENCH, 'work', 'site-stepcheck');
		await buildOnce('stepcheck site', ROOT, {
			...process.env,
			STEPCHECK_OUT_DIR: join(site, 'dist'),
			STEPCHECK_CACHE_DIR: join(site, 'cache'),
		});
		const browser = await launchBrowser();
		try {
			const server = await startStepcheckServer(join(site, 'dist'));
			try {
				results.page.stepcheck = await measureSite('stepcheck', `${server.url}${MFA_PATH}`, browser, lighthouseDir);
			} finally {
				await server.stop();
			}
			if (starlightDir) {
				const project = createStarlightProject({
					toolDir: starlightDir,
					sitesDir: starlightSites,
					name: 'mfa-guide',
					guidesFrom: join(ROOT, 'src', 'content', 'guides'),
					guideIds: [MFA_GUIDE],
				});
				await buildOnce('starlight site', project, { ...process.env });
				const server = await serveStatic(join(project, 'dist'));
				try {
					results.page.starlight = await measureSite('starlight', `${server.url}${MFA_PATH}`, browser, lighthouseDir);
				} finally {
					await server.stop();
				}
			}
			if (denseSite) {
				// The dense corpus as its last build left it: every page budget again, on a busy page.
				const dense = await startStepcheckServer(denseSite.stepcheck);
				try {
					results.densePage.stepcheck = await measureSite('stepcheck dense', `${dense.url}${DENSE_PATH}`, browser, lighthouseDir);
				} finally {
					await dense.stop();
				}
				if (denseSite.starlight) {
					const server = await serveStatic(denseSite.starlight);
					try {
						results.densePage.starlight = await measureSite('starlight dense', `${server.url}${DENSE_PATH}`, browser, lighthouseDir);
					} finally {
						await server.stop();
					}
				}
			}
		} finally {
			await browser.close();
		}
	}
	results.companion = await measureCompanion({ log });
} catch (error) {
	console.error(`\nThe bench stopped: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
}

results.machine.loadAverageAtEnd = loadavg();
results.budgets = checkBudgets({
	stepcheck: toolFigures({ builds: results.builds.stepcheck, sites: results.sites.stepcheck, page: results.page.stepcheck }),
	starlight: options.withStarlight
		? toolFigures({ builds: results.builds.starlight, sites: results.sites.starlight, page: results.page.starlight })
		: null,
	companion: results.companion,
});
if (results.densePage.stepcheck) {
	// The page budgets once more, on the dense guide page (its build budgets are already above).
	const densePageBudgets = checkBudgets({
		stepcheck: toolFigures({ page: results.densePage.stepcheck }),
		starlight: results.densePage.starlight ? toolFigures({ page: results.densePage.starlight }) : null,
	});
	results.budgets.push(
		...densePageBudgets
			// The companion is one file for the whole site, measured once above.
			.filter((b) => !b.id.startsWith('companion-'))
			.map((b) => ({ ...b, id: `dense-page-${b.id}`, budget: `${b.budget} (dense page ${DENSE_PATH})` })),
	);
}

console.log('');
if (results.builds.stepcheck)
	console.log(
		`Builds (median (min–max) of ${options.runs} run(s); output = the deployable static site)\n${buildTable({ stepcheck: results.builds.stepcheck, starlight: results.builds.starlight })}\n`,
	);
if (results.builds.stepcheck)
	console.log(
		`Each corpus's site (files after a cold build; search in Chromium on a guide page: the first search's bytes, then ${options.searchQueries} searches typed to results; astro dev: save to page updated)\n${corpusSiteTable(
			{
				stepcheck: { builds: results.builds.stepcheck, sites: results.sites.stepcheck },
				starlight: results.builds.starlight ? { builds: results.builds.starlight, sites: results.sites.starlight } : undefined,
			},
		)}\n`,
	);
if (results.page.stepcheck) {
	console.log(
		`Page ${MFA_PATH} (loaded, scrolled to the bottom, then one search for "mfa")\n${pageTable({ stepcheck: results.page.stepcheck, starlight: results.page.starlight })}\n`,
	);
	console.log(`${lighthouseTable({ stepcheck: results.page.stepcheck.lighthouse, starlight: results.page.starlight?.lighthouse })}\n`);
}
if (results.densePage.stepcheck) {
	console.log(
		`Dense page ${DENSE_PATH}\n${pageTable({ stepcheck: results.densePage.stepcheck, starlight: results.densePage.starlight })}\n`,
	);
	console.log(
		`${lighthouseTable({ stepcheck: results.densePage.stepcheck.lighthouse, starlight: results.densePage.starlight?.lighthouse })}\n`,
	);
}
console.log(`Budgets\n${budgetLines(results.budgets)}\n`);

const file = join(BENCH, 'results', `${results.date.replace(/[:]/g, '-').replace(/\..+$/, '')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`Results written to ${file}`);
if (options.json) {
	writeFileSync(resolve(options.json), JSON.stringify(results, null, 2));
	console.log(`Results also written to ${resolve(options.json)}`);
}
const missed = missedBudgets(results.budgets);
if (options.check && missed.length) {
	console.error(`\n${missed.length} budget(s) missed:\n${budgetLines(missed)}`);
	process.exit(1);
}
