// @ts-check
/**
 * The one first-use installer: large tools that only the tests, CI or an author's optional
 * command run, installed from npm at a pinned version when first needed instead of by every
 * `npm ci` (wrangler alone was about 170 MB of every install). Each goes into its own folder
 * under node_modules/.cache, so `npm ci` starting afresh also starts these afresh.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, 'node_modules/.cache/stepcheck-tools');

/**
 * Each tool's pinned version, the script its command runs inside its package, and any peer it
 * needs pinned beside it (`with`).
 * @type {Record<string, { version: string, entry: string, with?: string[] }>}
 */
const TOOLS = {
	/** Cloudflare's local runtime, for the Cloudflare Pages host test (tests/build/hosts.test.ts). */
	wrangler: { version: '4.164.0', entry: 'wrangler/bin/wrangler.js' },
	/** The licence check of CI (scripts/licenses.mjs): BSD-3-Clause. */
	'license-checker-rseidelsohn': { version: '5.0.1', entry: 'license-checker-rseidelsohn/bin/license-checker-rseidelsohn.js' },
	/** Astro's type check behind `npm run check` (scripts/check.mjs), an author's command CI does not run: 82 packages. */
	'@astrojs/check': { version: '0.9.10', entry: '@astrojs/check/bin/astro-check.js', with: ['typescript@6.0.3'] },
};

/**
 * The Node versions a reader may run the companion on: the maintained lines, each from the
 * `node` package on npm (the project's own devDependency is 24).
 */
export const MAINTAINED_NODE_VERSIONS = /** @type {const} */ (['22.23.3', '24.9.0']);

/** @param {string} line */
const toStderr = (line) => process.stderr.write(`${line}\n`);

/**
 * The absolute path of `entry` inside package `name@version`, installing it first when it is
 * missing. A second process installing at the same time cannot see half a folder: each
 * installs into its own temporary folder, renamed into place once complete.
 * @param {{ name: string, version: string, entry: string, with?: string[], log?: (line: string) => void }} tool
 */
function pinnedPackageFile({ name, version, entry, with: peers = [], log = toStderr }) {
	const folder = join(CACHE, `${name.replace('/', '+')}@${version}`);
	const file = join(folder, 'node_modules', entry);
	if (existsSync(file)) return file;
	mkdirSync(CACHE, { recursive: true });
	const staging = mkdtempSync(join(CACHE, `.${name.replace('/', '+')}-`));
	log(`Installing ${name}@${version} into ${folder} (first use only)…`);
	try {
		execFileSync(
			'npm',
			[
				'install',
				'--prefix',
				staging,
				'--no-save',
				'--no-package-lock',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
				`${name}@${version}`,
				...peers,
			],
			{ stdio: ['ignore', 'ignore', 'inherit'] },
		);
		if (!existsSync(folder)) renameSync(staging, folder);
	} catch (error) {
		throw new Error(
			`Could not install ${name}@${version} with npm (it needs the npm registry once): ${/** @type {Error} */ (error).message}`,
			{ cause: error },
		);
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
	if (!existsSync(file)) throw new Error(`${name}@${version} installed, but ${entry} is not in it.`);
	return file;
}

/**
 * The absolute path of the tool's entry script, installing the tool first when it is missing.
 * @param {'wrangler' | 'license-checker-rseidelsohn' | '@astrojs/check'} name
 * @param {{ log?: (line: string) => void }} [options]
 */
export function toolEntry(name, { log } = {}) {
	const tool = TOOLS[name];
	if (!tool) throw new Error(`No pinned tool named ${name}.`);
	return pinnedPackageFile({ name, ...tool, log });
}

/**
 * The `node` binary of one maintained line, installed on first use, checked to be that version.
 * @param {(typeof MAINTAINED_NODE_VERSIONS)[number]} version
 * @param {{ log?: (line: string) => void }} [options]
 */
export function nodeBinary(version, { log } = {}) {
	const binary = pinnedPackageFile({ name: 'node', version, entry: 'node/bin/node', log });
	const reported = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
	if (reported !== `v${version}`) throw new Error(`${binary} is ${reported}, expected v${version}.`);
	return binary;
}
