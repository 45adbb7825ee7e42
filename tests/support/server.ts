import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { ROOT } from './paths';

/** A free TCP port on loopback, found by letting the OS pick one. */
export function freePort(host = '127.0.0.1'): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, host, () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolvePort(port));
		});
	});
}

export interface RunningServer {
	url: string;
	port: number;
	process: ChildProcess;
	output: () => string;
	stop: () => Promise<void>;
}

/** Starts the real server (`scripts/serve.mjs`, as `npm start` does) on a free port. */
export async function startSiteServer(outDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
	const port = await freePort();
	const child = spawn(process.execPath, ['scripts/serve.mjs'], {
		cwd: ROOT,
		env: { ...process.env, STEPCHECK_OUT_DIR: outDir, HOST: '127.0.0.1', PORT: String(port), ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 20_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The site server exited early:\n${log}`);
		try {
			await fetch(url + '/');
			break;
		} catch {
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	if (Date.now() >= deadline) throw new Error(`The site server did not answer within 20 s:\n${log}`);
	return {
		url,
		port,
		process: child,
		output: () => log,
		stop: () =>
			new Promise((done) => {
				if (child.exitCode !== null) return done();
				child.once('exit', () => done());
				child.kill('SIGTERM');
			}),
	};
}
