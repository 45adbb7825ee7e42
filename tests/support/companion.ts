import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleCompanion } from '../../src/integrations/companion-file';
import { COMPANION_FILE_NAME, type CompanionSettings } from '../../src/companion/settings';
import { freePort } from './server';

/** The project's own Node (24, the `node` devDependency), unless a test names another maintained one. */
const PROJECT_NODE = process.execPath;
export const TEST_SITE_ORIGIN = 'https://stepcheck.test';

/** Bundles the companion as the build does, alone in an empty temporary folder (no node_modules near it). */
export async function emitCompanion(settings: Partial<CompanionSettings> = {}) {
	const folder = await mkdtemp(join(tmpdir(), 'stepcheck-companion-'));
	const bundle = await bundleCompanion({ siteOrigin: TEST_SITE_ORIGIN, extraOrigins: [], port: 4319, version: '0.0.0-test', ...settings });
	const file = join(folder, COMPANION_FILE_NAME);
	await writeFile(file, bundle.code);
	return { folder, file, bytes: bundle.code.byteLength, remove: () => rm(folder, { recursive: true, force: true }) };
}

export interface RunningCompanion {
	url: string;
	port: number;
	process: ChildProcess;
	/** Milliseconds from spawn to the "listening" line. */
	startMs: number;
	/** Everything it printed, stdout and stderr as they came. */
	output: () => string;
	/** Its stderr alone: a warning of Node or the SDK shows here. */
	errors: () => string;
	stop: () => Promise<void>;
}

/** Runs the emitted file from its own folder with the given Node, and waits for its "listening" line. */
export async function startCompanion(
	file: string,
	folder: string,
	env: Record<string, string>,
	args: string[] = [],
	node: string = PROJECT_NODE,
): Promise<RunningCompanion> {
	const port = await freePort();
	const started = performance.now();
	// Only what a reader's shell would have, plus the AWS settings: no NODE_PATH, no project paths.
	const child = spawn(node, [file, '--port', String(port), ...args], {
		cwd: folder,
		env: { PATH: '/usr/bin:/bin', HOME: folder, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	let errors = '';
	child.stderr!.on('data', (d) => {
		log += d;
		errors += d;
	});
	const startMs = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`The companion did not start within 10 s:\n${log}`)), 10_000);
		child.stdout!.on('data', (d) => {
			log += d;
			if (log.includes('listening on')) {
				clearTimeout(timer);
				resolve(performance.now() - started);
			}
		});
		child.once('exit', (code) => reject(new Error(`The companion exited (code ${code}):\n${log}`)));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		process: child,
		startMs,
		output: () => log,
		errors: () => errors,
		stop: () =>
			new Promise<void>((done) => {
				if (child.exitCode !== null) return done();
				child.once('exit', () => done());
				child.kill('SIGINT');
			}),
	};
}
