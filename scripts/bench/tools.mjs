// @ts-check
/**
 * Tools the bench needs but the project does not depend on (Lighthouse, stock Starlight):
 * installed with npm into `.bench/<tool>/` on first use and reused after that.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LIGHTHOUSE_VERSION = '12.2.3';
export const STARLIGHT_PACKAGES = ['@astrojs/starlight@latest', 'astro@7.3.5', 'sharp@0.35.5'];

/**
 * @param {{ benchDir: string, name: string, packages: string[], probe: string, log: (line: string) => void }} options
 * @returns {string} the tool's folder
 */
export function ensureTool({ benchDir, name, packages, probe, log }) {
	const folder = join(benchDir, name);
	const stamp = join(folder, '.installed');
	const wanted = packages.join(' ');
	if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted && existsSync(join(folder, probe))) return folder;
	mkdirSync(folder, { recursive: true });
	// A package.json of its own keeps npm from walking up into the project's.
	if (!existsSync(join(folder, 'package.json')))
		writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: `bench-${name}`, private: true, type: 'module' }, null, 2));
	log(`${name}: installing ${wanted} into ${folder} (once)…`);
	const result = spawnSync('npm', ['install', '--prefix', folder, '--no-audit', '--no-fund', '--save-exact', ...packages], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (result.status !== 0) {
		throw new Error(
			`npm install of ${wanted} into ${folder} failed (exit ${result.status}). Check that the npm registry is reachable, then run the bench again.\n${result.stderr}`,
		);
	}
	if (!existsSync(join(folder, probe)))
		throw new Error(`npm installed ${wanted} into ${folder} but ${probe} is not there; remove ${folder} and run the bench again.`);
	writeFileSync(stamp, wanted);
	return folder;
}

/** The installed version of a package in a tool folder. @param {string} folder @param {string} pkg */
export function installedVersion(folder, pkg) {
	return /** @type {{ version: string }} */ (JSON.parse(readFileSync(join(folder, 'node_modules', pkg, 'package.json'), 'utf8'))).version;
}
