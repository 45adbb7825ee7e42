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

	it('refuse a venv whose packages came without the aws command, and leave nothing behind to reuse', () => {
		// A python3 whose venv holds a pip that "installs" moto_server but not aws, as a wheel without its scripts would.
		const fakeBin = join(scratch, 'fake-python');
		mkdirSync(fakeBin);
		const python = [
			'#!/bin/sh',
			'venv="$3"',
			'mkdir -p "$venv/bin"',
			`printf '#!/bin/sh\\ntouch "${'$'}(dirname "$0")/moto_server"\\n' > "$venv/bin/pip"`,
			'chmod +x "$venv/bin/pip"',
		];
		writeFileSync(join(fakeBin, 'python3'), `${python.join('\n')}\n`);
		chmodSync(join(fakeBin, 'python3'), 0o755);
		const venv = join(scratch, 'no-aws');
		expect(() => provisionPythonTools(`${fakeBin}:/usr/bin:/bin`, { venv, log: () => {} })).toThrow(/but aws is not in .*no-aws\/bin/);
		expect(pythonToolsPlan('/nonexistent', venv)).toBe('install');
	});

	it('say what to install when python3 or its venv module is missing', () => {
		expect(() => provisionPythonTools('/nonexistent', { venv: join(scratch, 'no-python'), log: () => {} })).toThrow(NO_PYTHON);
		expect(NO_PYTHON).toContain('python3-venv');
	});
});
