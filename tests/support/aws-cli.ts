import { spawn } from 'node:child_process';

/**
 * Runs a command the way a reader runs it in CloudShell: bash, the real `aws` CLI, pointed at
 * moto or the fake AWS with the given keys. Resolves with what the terminal shows (stdout, then
 * stderr), which is what a reader copies. Asynchronous, so an in-process fake keeps answering.
 */
export function runInShell(command: string, env: Record<string, string>, timeoutMs = 90_000): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn('bash', ['-c', command], {
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
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.once('error', reject);
		child.once('close', () => resolve(`${stdout}${stderr}`));
	});
}
