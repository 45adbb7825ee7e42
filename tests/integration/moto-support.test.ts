import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MOTO_MISSING, startMoto } from '../support/moto';
import { NO_PYTHON, provisionPythonTools, pythonToolsPlan } from '../support/python-tools';

describe('startMoto', () => {
	const path = process.env.PATH;
	afterEach(() => {
		process.env.PATH = path;
	});

	it('stops with the install hint when moto_server is not on PATH', async () => {
		process.env.PATH = '/nonexistent';
		await expect(startMoto()).rejects.toThrow(new Error(MOTO_MISSING));
		expect(MOTO_MISSING).toContain('npm test');
	});
});

describe('moto and the AWS CLI, provisioned by npm test', () => {
	const scratch = mkdtempSync(join(tmpdir(), 'stepcheck-python-tools-'));
	afterAll(() => rmSync(scratch, { recursive: true, force: true }));

	it('are on PATH for every test, the AWS CLI at the version CI pins', () => {
		const aws = spawnSync('aws', ['--version'], { encoding: 'utf8' });
		expect(`${aws.stdout}${aws.stderr}`).toMatch(/^aws-cli\/1\.45\.11 /);
		expect(spawnSync('moto_server', ['--help'], { encoding: 'utf8' }).status).toBe(0);
	});

	it('install only what PATH lacks: nothing when both are there, the venv once it is made', () => {
		const bin = join(scratch, 'bin');
		mkdirSync(bin);
		for (const command of ['moto_server', 'aws']) {
			writeFileSync(join(bin, command), '#!/bin/sh\n');
			chmodSync(join(bin, command), 0o755);
		}
		const venv = join(scratch, 'venv');
		expect(pythonToolsPlan(bin, venv)).toBe('on-path');
		expect(pythonToolsPlan('/nonexistent', venv)).toBe('install');
		mkdirSync(venv);
		writeFileSync(join(venv, '.stepcheck-complete'), '');
		expect(pythonToolsPlan('/nonexistent', venv)).toBe('venv');
		expect(provisionPythonTools('/nonexistent', { venv, log: () => {} }).bin).toBe(join(venv, 'bin'));
	});

	/** A python3 whose venv holds a pip that runs `installs` (shell lines, in the venv's bin folder) instead of installing. */
	function fakePython(name: string, installs: string) {
		const fakeBin = join(scratch, name);
		mkdirSync(fakeBin);
		const pip = `#!/bin/sh\ncd "$(dirname "$0")" && ${installs}\n`;
		const python = [
			'#!/bin/sh',
			'venv="$3"',
			'mkdir -p "$venv/bin"',
			`cat > "$venv/bin/pip" <<'PIP'\n${pip}PIP`,
			'chmod +x "$venv/bin/pip"',
		];
		writeFileSync(join(fakeBin, 'python3'), `${python.join('\n')}\n`);
		chmodSync(join(fakeBin, 'python3'), 0o755);
		return `${fakeBin}:/usr/bin:/bin`;
	}

	it('refuse a venv whose packages came without the aws command, and leave nothing behind to reuse', () => {
		// As a wheel without its scripts would: moto_server is installed, aws is not.
		const path = fakePython('no-aws-python', 'touch moto_server && chmod +x moto_server');
		const venv = join(scratch, 'no-aws');
		expect(() => provisionPythonTools(path, { venv, log: () => {} })).toThrow(/but aws is not in .*no-aws\/bin as a program that can run/);
		expect(pythonToolsPlan('/nonexistent', venv)).toBe('install');
	});

	it('refuse a venv whose aws script cannot be run, as a wheel that lost its execute permission would give', () => {
		const path = fakePython('aws-not-executable-python', 'touch moto_server aws && chmod +x moto_server');
		const venv = join(scratch, 'aws-not-executable');
		expect(() => provisionPythonTools(path, { venv, log: () => {} })).toThrow(
			/but aws is not in .*aws-not-executable\/bin as a program that can run/,
		);
		expect(pythonToolsPlan('/nonexistent', venv)).toBe('install');
	});

	it('say what to install when python3 or its venv module is missing', () => {
		expect(() => provisionPythonTools('/nonexistent', { venv: join(scratch, 'no-python'), log: () => {} })).toThrow(NO_PYTHON);
		expect(NO_PYTHON).toContain('python3-venv');
	});
});
