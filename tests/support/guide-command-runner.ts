import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Root } from 'mdast';
import { parse as parseYaml } from 'yaml';
import { awsCommandsIn, commandKey, namedFiles, shellBlocks, type NamedFile, type ShellBlock } from '../../src/lib/content/guide-commands';
import { parseMdx } from '../../src/lib/content/parse-mdx';
import { guideSchema } from '../../src/lib/content/schema';
import { CONTRACTS } from './aws-request-contracts';
import type { RecordedRequest } from './recording-aws';

/**
 * Runs a guide's shell blocks with the real AWS CLI, the way a reader would paste them, and
 * checks what each `aws` call sent against its contract (aws-request-contracts.ts). An `aws`
 * wrapper first on PATH notes each call's arguments, exit code and time, so the requests
 * the recording front saw can be matched to the call that made them.
 */

const AWS_MISSING = 'The AWS CLI (aws) is not on PATH: install it with pip install awscli (.ci/run does).';

export interface GuideCommands {
	file: string;
	blocks: ShellBlock[];
	files: NamedFile[];
	placeholders: Record<string, string>;
	notRun: Map<string, string>;
}

export function readGuideCommands(file: string, source = readFileSync(file, 'utf8')): GuideCommands {
	const tree: Root = parseMdx(source);
	const yaml = tree.children.find((node) => node.type === 'yaml');
	const data = guideSchema.parse(yaml && 'value' in yaml ? parseYaml(yaml.value) : {});
	return {
		file,
		blocks: shellBlocks(tree).filter((block) => block.commands.length > 0),
		files: namedFiles(tree),
		placeholders: Object.fromEntries(Object.entries(data.placeholders).map(([name, { test }]) => [name, test])),
		notRun: new Map(data.commandsNotRun.map(({ command, reason }) => [command, reason])),
	};
}

export { commandKey };

/** Commands no contract covers, each named by file and line: the test fails on them. */
export function uncontracted(guide: GuideCommands): string[] {
	return guide.blocks.flatMap((block) =>
		block.commands
			.filter((command) => !guide.notRun.has(`aws ${commandKey(command)}`) && !(commandKey(command) in CONTRACTS))
			.map(
				(command) =>
					`${guide.file}:${command.line}: \`aws ${commandKey(command)}\` is not tested. Add what its request must carry to tests/support/aws-request-contracts.ts, or list it under commandsNotRun with the reason.`,
			),
	);
}

/** The block as the tests run it: placeholders replaced by their test values, commands that cannot run replaced by a no-op. */
export function scriptFor(guide: GuideCommands, block: ShellBlock): string {
	let script = block.source;
	for (const [placeholder, value] of Object.entries(guide.placeholders)) script = script.split(placeholder).join(value);
	return script
		.split('\n')
		.map((line) => {
			const skipped = awsCommandsIn(line, 0).find((command) => guide.notRun.has(`aws ${commandKey(command)}`));
			return skipped ? `: not run in tests: aws ${commandKey(skipped)}` : line;
		})
		.join('\n');
}

interface Invocation {
	args: string[];
	code: number;
	start: number;
	end: number;
}

interface ScriptRun {
	code: number;
	stdout: string;
	stderr: string;
	invocations: Invocation[];
}

const realAws = () => spawnSync('bash', ['-c', 'command -v aws'], { encoding: 'utf8' }).stdout.trim();

/** A scratch folder with the `aws` wrapper, the guide's named files and an empty home. */
export function workspace(files: NamedFile[]): { dir: string; bin: string; log: string } {
	const dir = mkdtempSync(join(tmpdir(), 'stepcheck-commands-'));
	const bin = join(dir, '.bin');
	const log = join(dir, '.aws-calls');
	mkdirSync(bin);
	mkdirSync(log);
	const aws = realAws();
	if (!aws) throw new Error(AWS_MISSING);
	const wrapper = join(bin, 'aws');
	writeFileSync(
		wrapper,
		[
			'#!/usr/bin/env bash',
			'start=$(date +%s%3N)',
			`${JSON.stringify(aws)} "$@"`,
			'code=$?',
			'end=$(date +%s%3N)',
			`{ printf '%s\\n%s\\n%s\\n' "$start" "$end" "$code"; printf '%s\\0' "$@"; } > "${log}/$(date +%s%N)-$$"`,
			'exit $code',
			'',
		].join('\n'),
	);
	chmodSync(wrapper, 0o755);
	for (const file of files) writeFileSync(join(dir, file.name), file.content);
	return { dir, bin, log };
}

function readInvocations(log: string): Invocation[] {
	return readdirSync(log)
		.sort()
		.map((name) => {
			const text = readFileSync(join(log, name), 'utf8');
			const [start, end, code, ...rest] = text.split('\n');
			return { start: Number(start), end: Number(end), code: Number(code), args: rest.join('\n').split('\0').slice(0, -1) };
		});
}

export function runScript(
	script: string,
	place: { dir: string; bin: string; log: string },
	env: Record<string, string>,
): Promise<ScriptRun> {
	return new Promise((resolve, reject) => {
		// An empty value removes the variable: the CLI reads AWS_PROFILE="" as a profile named "".
		const merged = Object.fromEntries(
			Object.entries({ ...process.env, ...env, PATH: `${place.bin}:${process.env.PATH}`, HOME: place.dir }).filter(
				([, value]) => value !== '',
			),
		);
		const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', script], { cwd: place.dir, env: { ...merged, AWS_PAGER: '' } });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, invocations: readInvocations(place.log) }));
	});
}

/** `service operation` of a CLI call, global options (and their values) skipped. */
export function invokedKey(args: string[]): string {
	return commandKey(awsCommandsIn(`aws ${args.map((a) => (/\s/.test(a) ? 'X' : a)).join(' ')}`, 0)[0] ?? { service: '', operation: '' });
}

/** What is wrong with one call: its exit code, or a request that does not carry what its contract says. */
export function invocationProblems(invocation: Invocation, requests: RecordedRequest[]): string[] {
	const key = invokedKey(invocation.args);
	const contract = CONTRACTS[key];
	const problems: string[] = [];
	const own = requests.filter((request) => request.at >= invocation.start - 5 && request.at <= invocation.end + 5);
	// A call the policy under test refuses is meant to fail (the guide says so); any other failure is a problem.
	const refused = own.length > 0 && own.every((request) => request.refused);
	if (invocation.code !== 0 && !refused) problems.push(`aws ${key} exited with ${invocation.code}`);
	if (!contract) return [...problems, `aws ${key} has no contract`];
	if (contract.requests === 0) {
		if (own.length) problems.push(`aws ${key} should make no request but sent ${own.map((r) => r.action).join(', ')}`);
		return problems;
	}
	if (own.length === 0) problems.push(`aws ${key} sent no request`);
	for (const request of own) {
		if (request.action !== contract.action) {
			problems.push(`aws ${key} sent ${request.service}:${request.action}, expected ${contract.action}`);
			continue;
		}
		const checked = contract.params?.safeParse(request.params);
		if (checked && !checked.success) {
			problems.push(
				`aws ${key} sent ${request.action} without ${contract.carries}: ${checked.error.issues.map((issue) => issue.message).join('; ')}`,
			);
		}
	}
	return problems;
}
