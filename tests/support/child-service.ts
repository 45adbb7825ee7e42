import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildService {
	process: ChildProcess;
	output: () => string;
	stop: () => Promise<void>;
}

/**
 * Starts a long-running helper process (the site server, moto_server) and waits until it
 * answers HTTP at `readyUrl`, failing with its output when it exits or stays silent.
 */
export async function startChildService(options: {
	name: string;
	command: string;
	args: string[];
	env: NodeJS.ProcessEnv;
	cwd?: string;
	readyUrl: string;
	timeoutMs?: number;
	/** Stop the command's own children too (`npm run` starts the real server as its grandchild). */
	processGroup?: boolean;
}): Promise<ChildService> {
	const timeoutMs = options.timeoutMs ?? 20_000;
	const child = spawn(options.command, options.args, {
		cwd: options.cwd,
		env: options.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: options.processGroup,
	});
	let log = '';
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const stop = () =>
		new Promise<void>((done) => {
			if (child.exitCode !== null) return done();
			child.once('exit', () => done());
			if (options.processGroup && child.pid) process.kill(-child.pid, 'SIGTERM');
			else child.kill('SIGTERM');
		});
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`${options.name} exited early (code ${child.exitCode}):\n${log}`);
		try {
			await fetch(options.readyUrl);
			return { process: child, output: () => log, stop };
		} catch {
			if (Date.now() > deadline) {
				await stop();
				throw new Error(`${options.name} did not answer on ${options.readyUrl} within ${timeoutMs / 1000} s:\n${log}`);
			}
			await new Promise((r) => setTimeout(r, 100));
		}
	}
}
