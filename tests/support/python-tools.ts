import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ROOT } from './paths';

/**
 * moto and the AWS CLI, which the AWS tests run as programs. Where they are not on PATH,
 * `npm test` installs them at the versions CI pins into a virtual environment of this project
 * (first run only), so a fresh machine needs no `pip install` of its own.
 */
const PYTHON_TOOLS = ['moto[server]==5.2.1', 'awscli==1.45.11'] as const;
const PYTHON_TOOLS_VENV = join(ROOT, 'node_modules/.cache/stepcheck-python');
const COMMANDS = ['moto_server', 'aws'] as const;
/** Written last, so a venv an interrupted run left half-made is made again. */
const COMPLETE = '.stepcheck-complete';

export const NO_PYTHON =
	'moto and the AWS CLI are not on PATH, and npm test could not install them: python3 with its venv module is needed. ' +
	'On Debian or Ubuntu: sudo apt-get install -y python3 python3-venv. Or install them yourself: pip install "moto[server]==5.2.1" "awscli==1.45.11".';

const runnable = (file: string) => {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
};

const onPath = (command: string, path: string) => path.split(delimiter).some((dir) => dir && runnable(join(dir, command)));

/** What provisioning has to do for this PATH: nothing, use the project's venv, or make it. */
export function pythonToolsPlan(path: string, venv = PYTHON_TOOLS_VENV): 'on-path' | 'venv' | 'install' {
	if (COMMANDS.every((command) => onPath(command, path))) return 'on-path';
	return existsSync(join(venv, COMPLETE)) ? 'venv' : 'install';
}

function run(command: string, args: string[], path: string) {
	return spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, PATH: path }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Makes moto_server and aws runnable: returns the folder to put first on PATH, or null when
 * they already are on it. Throws a message that says what to install when it cannot.
 */
export function provisionPythonTools(
	path: string,
	{ venv = PYTHON_TOOLS_VENV, log = (line: string): void => void process.stderr.write(`${line}\n`) } = {},
): { bin: string | null; ms: number } {
	const started = performance.now();
	const bin = join(venv, 'bin');
	const plan = pythonToolsPlan(path, venv);
	if (plan === 'on-path') return { bin: null, ms: 0 };
	if (plan === 'venv') return { bin, ms: 0 };
	log(`moto_server or aws is not on PATH: installing ${PYTHON_TOOLS.join(' and ')} into ${venv} (first run only)…`);
	rmSync(venv, { recursive: true, force: true });
	mkdirSync(venv, { recursive: true });
	const made = run('python3', ['-m', 'venv', venv], path);
	if (made.error || made.status !== 0) {
		rmSync(venv, { recursive: true, force: true });
		throw new Error(`${NO_PYTHON}${made.stderr ? `\npython3 said: ${made.stderr.trim()}` : ''}`);
	}
	const installed = run(join(bin, 'pip'), ['install', '--quiet', ...PYTHON_TOOLS], path);
	if (installed.status !== 0) {
		rmSync(venv, { recursive: true, force: true });
		throw new Error(
			`pip could not install ${PYTHON_TOOLS.join(' ')} into ${venv}: it needs the Python package index (or a mirror pip is configured with).\n${installed.stderr.trim()}`,
		);
	}
	const missing = COMMANDS.filter((command) => !runnable(join(bin, command)));
	if (missing.length > 0) {
		rmSync(venv, { recursive: true, force: true });
		throw new Error(
			`pip installed ${PYTHON_TOOLS.join(' ')} into ${venv}, but ${missing.join(' and ')} is not in ${bin} as a program that can run: the distributions pip found lack their scripts or their scripts' execute permission. Install from the Python package index, or install them yourself.`,
		);
	}
	writeFileSync(join(venv, COMPLETE), `${PYTHON_TOOLS.join('\n')}\n`);
	const ms = performance.now() - started;
	log(`Installed moto and the AWS CLI in ${(ms / 1000).toFixed(1)} s.`);
	return { bin, ms };
}
