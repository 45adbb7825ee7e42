// @ts-check
/**
 * `npm run licenses [-- --start DIR] [-- --skip-companion]`: fails when anything Stepcheck ships
 * or runs in production is under a licence outside the allow-list in .ci/licenses.json.
 * 1. The production dependency tree, read by license-checker-rseidelsohn (installed on first use).
 * 2. The companion file readers download: every package among esbuild's inputs must have an
 *    allowed licence, with no exceptions.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { toolEntry } from './tools.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
	options: { start: { type: 'string', default: ROOT }, 'skip-companion': { type: 'boolean', default: false } },
});
const start = resolve(values.start ?? ROOT);

/** @type {{ allowed: string[], exceptions: Record<string, string> }} */
const policy = JSON.parse(readFileSync(join(ROOT, '.ci/licenses.json'), 'utf8'));

/**
 * Whether an SPDX expression is within the allow-list: `A OR B` needs one of them, `A AND B`
 * both. Anything else (a custom text, UNKNOWN, a licence not listed) is not.
 * @param {string} expression
 */
function allowed(expression) {
	const bare = expression.trim().replace(/^\((.*)\)$/, '$1');
	if (/ OR /i.test(bare)) return bare.split(/ OR /i).some(allowed);
	if (/ AND /i.test(bare)) return bare.split(/ AND /i).every(allowed);
	return policy.allowed.includes(bare);
}

let failed = false;

const tree = spawnSync(process.execPath, [toolEntry('licenses'), '--start', start, '--production', '--excludePrivatePackages', '--json'], {
	encoding: 'utf8',
	maxBuffer: 64 * 1024 * 1024,
});
if (tree.status !== 0) {
	console.error(`license-checker-rseidelsohn could not read the dependencies of ${start}:\n${tree.stderr.trim()}`);
	process.exit(1);
}
/** @type {Record<string, { licenses?: string | string[] }>} */
const found = JSON.parse(tree.stdout);
const exception = (/** @type {string} */ id) => Object.keys(policy.exceptions).some((prefix) => id.startsWith(prefix));
const refusedInTree = Object.entries(found)
	.map(([id, info]) => ({ id, license: [info.licenses ?? 'UNKNOWN'].flat().join(' AND ') }))
	.filter(({ id, license }) => !allowed(license) && !exception(id));
if (refusedInTree.length === 0) {
	console.log(`Production dependencies of ${start}: ${Object.keys(found).length} packages, every licence allowed.`);
} else {
	failed = true;
	console.error(
		`Production dependencies of ${start} under a licence outside .ci/licenses.json: ${refusedInTree.map(({ id, license }) => `${id} (${license})`).join(', ')}.\n` +
			'Replace the package, move it to devDependencies if only tests use it, or, for a permissive licence, add it to "allowed".',
	);
}

if (!values['skip-companion']) {
	const { bundleCompanion } = await import('../src/integrations/companion-file.ts');
	const { bundledPackages } = await import('../src/integrations/companion-notices.ts');
	const bundle = await bundleCompanion({ siteOrigin: 'https://stepcheck.invalid', extraOrigins: [], port: 4319, version: 'licence-check' });
	const packages = bundledPackages(bundle.inputs);
	const refused = packages.filter((pkg) => !allowed(pkg.license));
	if (refused.length === 0) console.log(`The companion bundles ${packages.length} packages, each under an allowed licence.`);
	else {
		failed = true;
		console.error(
			`The companion bundles packages under licences outside .ci/licenses.json: ${refused.map((pkg) => `${pkg.name}@${pkg.version} (${pkg.license})`).join(', ')}.\n` +
				'Keep them out of src/companion/ (an optional add-on is loaded by the server only, never imported by the companion).',
		);
	}
}

process.exitCode = failed ? 1 : 0;
