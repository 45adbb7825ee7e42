import { spawnSync } from 'node:child_process';
import { startChildService } from './child-service';
import { freePort } from './server';

export const MOTO_MISSING =
	'moto_server not found: run the tests with npm test, which installs it (tests/support/python-tools.ts), or pip install "moto[server]==5.2.1"';

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
export function awsEnvFor(
	url: string,
	keys: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string; AWS_SESSION_TOKEN?: string } = SETUP_KEYS,
): Record<string, string> {
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
	const url = `http://127.0.0.1:${port}`;
	// moto's own dashboard route answers without counting as an AWS action.
	const service = await startChildService({
		name: 'moto_server',
		command: 'moto_server',
		args: ['-H', '127.0.0.1', '-p', String(port)],
		env,
		readyUrl: `${url}/moto-api/`,
	});
	return {
		url,
		awsEnv: awsEnvFor(url),
		output: service.output,
		stop: service.stop,
	};
}
