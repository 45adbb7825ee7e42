import type { ChildProcess } from 'node:child_process';
import { startChildService } from './child-service';
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
	const url = `http://127.0.0.1:${port}`;
	const service = await startChildService({
		name: 'The site server',
		command: process.execPath,
		args: ['scripts/serve.mjs'],
		cwd: ROOT,
		env: { ...process.env, STEPCHECK_OUT_DIR: outDir, HOST: '127.0.0.1', PORT: String(port), ...env },
		readyUrl: `${url}/`,
	});
	return {
		url,
		port,
		process: service.process,
		output: service.output,
		stop: service.stop,
	};
}
