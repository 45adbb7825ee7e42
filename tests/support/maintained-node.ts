import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The Node versions a reader may run the companion on: the maintained lines, each from the
 * `node` package on npm (the project's own devDependency is 24). A version is installed once
 * into a folder of its own under the temporary directory and reused by later runs.
 */
export const MAINTAINED_NODE_VERSIONS = ['22.23.3', '24.9.0'] as const;

const run = promisify(execFile);

export async function nodeBinary(version: (typeof MAINTAINED_NODE_VERSIONS)[number]): Promise<string> {
	const folder = join(tmpdir(), `stepcheck-node-${version}`);
	const binary = join(folder, 'node_modules', '.bin', 'node');
	try {
		await access(binary);
	} catch {
		await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', folder, `node@${version}`], { timeout: 300_000 });
	}
	const { stdout } = await run(binary, ['--version']);
	if (stdout.trim() !== `v${version}`) throw new Error(`${binary} is ${stdout.trim()}, expected v${version}.`);
	return binary;
}
