import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { installedTool } from '../../scripts/tools.mjs';
import { ROOT } from '../support/paths';

/**
 * The first-use installer (scripts/tools.mjs) on a one-package tool in a scratch tools folder:
 * `globals`, with the very lock entry tools/lint/ pins, so npm's cache usually has it.
 */
const scratch = mkdtempSync(join(tmpdir(), 'stepcheck-tools-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function probeTool(toolsDir: string, name = 'probe') {
	const lintLock = JSON.parse(readFileSync(join(ROOT, 'tools/lint/package-lock.json'), 'utf8'));
	const entry = lintLock.packages['node_modules/globals'];
	const pkg = { name: `stepcheck-tool-${name}`, version: '0.0.0', private: true, license: 'MIT', dependencies: { globals: entry.version } };
	const lock = {
		name: pkg.name,
		version: pkg.version,
		lockfileVersion: 3,
		requires: true,
		packages: {
			'': { name: pkg.name, version: pkg.version, license: 'MIT', dependencies: pkg.dependencies },
			'node_modules/globals': entry,
		},
	};
	const dir = join(toolsDir, name);
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
	writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
	return dir;
}

/** Runs installedTool in a child process of its own, as two npm scripts started together would. */
function installInChild(toolsDir: string, env: NodeJS.ProcessEnv = {}) {
	const script = `import { installedTool } from ${JSON.stringify(pathToFileURL(join(ROOT, 'scripts/tools.mjs')).href)};
try { console.log(installedTool('probe', { toolsDir: ${JSON.stringify(toolsDir)}, log: () => {} })); }
catch (error) { console.error(error.message); process.exit(3); }`;
	return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
		const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env } });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('close', (code) => resolve({ code, stdout: stdout.trim(), stderr: stderr.trim() }));
	});
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('a first-use tool', () => {
	it(
		'installs from its lockfile once when two processes need it at the same time, and neither sees half of it',
		{ timeout: 120_000 },
		async () => {
			const toolsDir = join(scratch, 'together');
			const dir = probeTool(toolsDir);
			const [first, second] = await Promise.all([installInChild(toolsDir), installInChild(toolsDir)]);
			for (const run of [first!, second!]) {
				expect(run.stderr).toBe('');
				expect(run.code).toBe(0);
				expect(run.stdout).toBe(join(dir, 'node_modules'));
			}
			expect(existsSync(join(dir, 'node_modules/globals/package.json'))).toBe(true);
			expect(readFileSync(join(dir, 'node_modules/.stepcheck-lock-sha256'), 'utf8').trim()).toBe(sha256(join(dir, 'package-lock.json')));
			expect(
				readdirSync(dir).filter((name) => name.startsWith('.staging-')),
				'staging folders left behind',
			).toEqual([]);
		},
	);

	it('is installed again when its lockfile changes, and not otherwise', { timeout: 120_000 }, () => {
		const toolsDir = join(scratch, 'again');
		const dir = probeTool(toolsDir);
		const lines: string[] = [];
		const log = (line: string) => lines.push(line);
		installedTool('probe', { toolsDir, log });
		installedTool('probe', { toolsDir, log });
		expect(lines).toHaveLength(1);

		const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
		writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock, null, '\t'));
		installedTool('probe', { toolsDir, log });
		expect(lines).toHaveLength(2);
		expect(lines[1]).toContain('Installing the probe tool from');
		expect(readFileSync(join(dir, 'node_modules/.stepcheck-lock-sha256'), 'utf8').trim()).toBe(sha256(join(dir, 'package-lock.json')));
	});

	it('names the tool, the lockfile and what to do when the npm registry cannot be reached', { timeout: 120_000 }, async () => {
		const toolsDir = join(scratch, 'offline');
		const dir = probeTool(toolsDir);
		const run = await installInChild(toolsDir, {
			// A closed port and an empty cache: npm has nowhere to fetch the package from.
			npm_config_registry: 'http://127.0.0.1:9/',
			npm_config_cache: mkdtempSync(join(scratch, 'empty-cache-')),
			npm_config_fetch_retries: '0',
			npm_config_prefer_offline: 'false',
		});
		expect(run.code).toBe(3);
		expect(run.stderr).toContain('Could not install the probe tool from');
		expect(run.stderr).toContain('package-lock.json');
		expect(run.stderr).toContain('could not reach its registry (http://127.0.0.1:9/)');
		expect(run.stderr).toContain('then run the command again');
		expect(existsSync(join(dir, 'node_modules')), 'no half install left in place').toBe(false);
	});
});
