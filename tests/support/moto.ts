import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './server';

export const MOTO_MISSING = 'moto_server not found: install it with pip install "moto[server]"';

export interface RunningMoto {
	url: string;
	/** Environment that points the AWS SDK (in this process or a child) at this moto only. */
	awsEnv: Record<string, string>;
	stop: () => Promise<void>;
	output: () => string;
}

/** Fake keys for set-up calls; moto accepts any key until its authorization mode starts. */
export const SETUP_KEYS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' } as const;

/** SDK environment for a moto or fake endpoint: never real AWS, never the developer's profile. */
export function awsEnvFor(url: string, keys: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string; AWS_SESSION_TOKEN?: string } = SETUP_KEYS): Record<string, string> {
	return {
		AWS_ENDPOINT_URL_IAM: url,
		AWS_ENDPOINT_URL_STS: url,
		AWS_REGION: 'us-east-1',
		AWS_PROFILE: '',
		AWS_CONFIG_FILE: '/dev/null',
		AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
		AWS_EC2_METADATA_DISABLED: 'true',
		AWS_SESSION_TOKEN: '',
		...keys,
	};
}

/**
 * Starts moto_server on a free loopback port. `initialNoAuthActionCount` turns on moto's
 * IAM authorization mode after that many requests, which is how tests get AccessDenied.
 */
export async function startMoto(options: { initialNoAuthActionCount?: number } = {}): Promise<RunningMoto> {
	const found = spawnSync('moto_server', ['--help'], { stdio: 'ignore' });
	if (found.error) throw new Error(MOTO_MISSING);
	const port = await freePort();
	const env: Record<string, string | undefined> = { ...process.env };
	if (options.initialNoAuthActionCount !== undefined) env.INITIAL_NO_AUTH_ACTION_COUNT = String(options.initialNoAuthActionCount);
	const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 20_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`moto_server exited early (code ${child.exitCode}):\n${log}`);
		try {
			// moto's own dashboard route answers without counting as an AWS action.
			await fetch(`${url}/moto-api/`);
			break;
		} catch {
			if (Date.now() > deadline) throw new Error(`moto_server did not answer on ${url} within 20 s:\n${log}`);
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	return {
		url,
		awsEnv: awsEnvFor(url),
		output: () => log,
		stop: () =>
			new Promise((done) => {
				if (child.exitCode !== null) return done();
				child.once('exit', () => done());
				child.kill('SIGTERM');
			}),
	};
}
