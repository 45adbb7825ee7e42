import { spawnSync } from 'node:child_process';

/**
 * Runs a command the way a reader runs it in CloudShell: bash, the real `aws` CLI, pointed at
 * moto with the given keys. Returns what the terminal shows (stdout, then stderr), which is
 * what a reader copies.
 */
export function runInShell(command: string, env: Record<string, string>, timeoutMs = 60_000): string {
	const result = spawnSync('bash', ['-c', command], {
		encoding: 'utf8',
		timeout: timeoutMs,
		env: {
			PATH: process.env.PATH ?? '/usr/bin:/bin',
			HOME: process.env.HOME ?? '/tmp',
			AWS_PAGER: '',
			AWS_DEFAULT_REGION: 'us-east-1',
			AWS_CONFIG_FILE: '/dev/null',
			AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
			AWS_EC2_METADATA_DISABLED: 'true',
			...env,
		},
	});
	if (result.error) throw result.error;
	return `${result.stdout}${result.stderr}`;
}
