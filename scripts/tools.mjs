// @ts-check
/**
 * The one first-use installer. Tools that only the tests, CI or an author's command run (the
 * linters, wrangler's 170 MB, the licence checker, `astro check`, other Node lines) are not
 * dependencies of the project, so `npm ci` stays small; each is a folder `tools/<name>/` with its
 * own package.json and committed package-lock.json, installed with `npm ci` there when first
 * needed and again whenever its lockfile changes, so every transitive version is pinned too.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOOLS_DIR = join(ROOT, 'tools');
/** Inside an installed node_modules: the hash of the lockfile it was installed from. */
const STAMP = '.stepcheck-lock-sha256';

/** The script each tool's command runs, inside its node_modules. */
const ENTRIES = {
	/** Cloudflare's local runtime, for the Cloudflare Pages host test (tests/build/hosts.test.ts). */
	wrangler: 'wrangler/bin/wrangler.js',
	/** The licence check of CI (scripts/licenses.mjs): license-checker-rseidelsohn, BSD-3-Clause. */
	licenses: 'license-checker-rseidelsohn/bin/license-checker-rseidelsohn.js',
	/** `npm run check`: Astro's type check, an author's command CI does not run. */
	'astro-check': '@astrojs/check/bin/astro-check.js',
	/** `npm run lint`: ESLint, configured by eslint.config.js through tools/lint/config.js. */
	lint: 'eslint/bin/eslint.js',
	/** `npm run knip`: unused files, exports and dependencies (knip.jsonc). */
	knip: 'knip/bin/knip.js',
	/** The bench's page budgets (npm run bench). */
	lighthouse: 'lighthouse/cli/index.js',
	/** Stock Starlight, which `npm run bench -- --with-starlight` compares against. */
	starlight: '@astrojs/starlight/package.json',
	/** The maintained Node lines a reader may run the companion on (its tests and the bench). */
	'node-22': 'node/bin/node',
	'node-24': 'node/bin/node',
};

/** @typedef {keyof typeof ENTRIES} ToolName */

/** @param {string} line */
const toStderr = (line) => process.stderr.write(`${line}\n`);

/** @param {string} file */
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** @param {string} modules */
const stampOf = (modules) => {
	const file = join(modules, STAMP);
	return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
};

/** npm's words for a registry it could not reach, as opposed to a lockfile it refused. */
const UNREACHABLE = /E(NOTFOUND|CONNREFUSED|CONNRESET|TIMEDOUT|AI_AGAIN|NETUNREACH|HOSTUNREACH)|network|socket hang up|ENOTCACHED/i;

/** Where npm fetches packages from, for an error message. */
function registry() {
	const npm = spawnSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' });
	return npm.stdout?.trim() || 'see `npm config get registry`';
}

/**
 * The tool's node_modules folder, installed from its lockfile first when missing or installed
 * from another lockfile. A second process installing at the same time never sees half a
 * folder: each runs `npm ci` in a staging folder of its own, and the finished node_modules is
 * renamed into place in one step.
 * @param {string} name
 * @param {{ toolsDir?: string, log?: (line: string) => void }} [options]
 */
export function installedTool(name, { toolsDir = TOOLS_DIR, log = toStderr } = {}) {
	const dir = join(toolsDir, name);
	const where = dir.startsWith(ROOT) ? relative(ROOT, dir) : dir;
	const lockFile = join(dir, 'package-lock.json');
	if (!existsSync(lockFile)) {
		throw new Error(
			`No first-use tool ${name}: ${where}/package-lock.json is missing. Add ${where}/package.json and run \`npm install --package-lock-only\` there.`,
		);
	}
	const wanted = sha256(lockFile);
	const modules = join(dir, 'node_modules');
	if (stampOf(modules) === wanted) return modules;

	log(`Installing the ${name} tool from ${where}/package-lock.json (first use, or its lockfile changed)…`);
	const staging = mkdtempSync(join(dir, '.staging-'));
	try {
		for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(dir, file), join(staging, file));
		const npm = spawnSync('npm', ['ci', '--prefix', staging, '--no-audit', '--no-fund', '--loglevel=error'], {
			encoding: 'utf8',
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		if (npm.status !== 0) {
			const said = (npm.error?.message ?? npm.stderr ?? '').trim().split('\n').slice(-12).join('\n');
			const todo = UNREACHABLE.test(said)
				? `npm could not reach its registry (${registry()}), which it needs once per tool to fetch the pinned packages its cache lacks. Check the network or npm's \`registry\` setting, then run the command again.`
				: `\`npm ci\` failed (exit ${npm.status ?? 'none'}). If it says the lockfile is out of step with package.json, run \`npm install --package-lock-only\` in ${where}; otherwise see npm's message.`;
			throw new Error(`Could not install the ${name} tool from ${where}/package-lock.json: ${todo}\nnpm said:\n${said}`);
		}
		writeFileSync(join(staging, 'node_modules', STAMP), `${wanted}\n`);
		if (stampOf(modules) !== wanted) {
			// A stale install goes into the staging folder, which is deleted below.
			if (existsSync(modules)) {
				try {
					renameSync(modules, join(staging, 'stale'));
				} catch (error) {
					if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
				}
			}
			try {
				renameSync(join(staging, 'node_modules'), modules);
			} catch (error) {
				// Another process put its own complete install there first; it is as good as this one.
				if (stampOf(modules) !== wanted) throw error;
			}
		}
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
	return modules;
}

/**
 * The absolute path of the tool's entry script, installing the tool first when need be.
 * @param {ToolName} name
 * @param {{ log?: (line: string) => void }} [options]
 */
export function toolEntry(name, { log } = {}) {
	const entry = ENTRIES[name];
	if (!entry) throw new Error(`No first-use tool named ${name}; the tools are ${Object.keys(ENTRIES).join(', ')}.`);
	const file = join(installedTool(name, { log }), entry);
	if (!existsSync(file))
		throw new Error(`The ${name} tool is installed, but ${entry} is not in it: delete tools/${name}/node_modules and run again.`);
	return file;
}

/** The version a tool's package.json pins for one of its packages. @param {string} tool @param {string} pkg */
const pinnedVersion = (tool, pkg) => JSON.parse(readFileSync(join(TOOLS_DIR, tool, 'package.json'), 'utf8')).dependencies[pkg];

/**
 * The Node versions a reader may run the companion on: the maintained lines, each the `node`
 * package pinned in tools/node-<major>/ (the project's own devDependency is 24).
 * @type {string[]}
 */
export const MAINTAINED_NODE_VERSIONS = ['node-22', 'node-24'].map((tool) => pinnedVersion(tool, 'node'));

/**
 * The `node` binary of one maintained line, installed on first use, checked to be that version.
 * @param {string} version
 * @param {{ log?: (line: string) => void }} [options]
 */
export function nodeBinary(version, { log } = {}) {
	const tool = /** @type {ToolName} */ (`node-${version.split('.')[0]}`);
	if (!MAINTAINED_NODE_VERSIONS.includes(version)) {
		throw new Error(
			`Node ${version} is not one of the pinned lines (${MAINTAINED_NODE_VERSIONS.join(', ')}, in tools/node-*/package.json).`,
		);
	}
	const binary = toolEntry(tool, { log });
	const reported = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
	if (reported !== `v${version}`)
		throw new Error(`${binary} is ${reported}, expected v${version}: delete tools/${tool}/node_modules and run again.`);
	return binary;
}
