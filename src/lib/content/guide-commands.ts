import type { Code, Root } from 'mdast';
import { codeBlocks } from './mdast-walk';

/**
 * The AWS CLI commands a guide asks readers to run, found in its shell code blocks, so the
 * tests can run every one of them and the content checks can insist that each placeholder
 * (`<code from your app>`) says what it stands for.
 */

const SHELL_LANGUAGES: ReadonlySet<string> = new Set(['sh', 'bash', 'shell']);

/** One `aws <service> <operation>` call: its line in the file and the words that follow `aws`. */
export interface AwsCommand {
	line: number;
	service: string;
	operation: string;
	/** The call as written, continuation lines joined. */
	text: string;
}

export interface ShellBlock {
	line: number;
	source: string;
	commands: AwsCommand[];
}

/** A code block the guide asks readers to save as a file (```json file=require-mfa.json). */
export interface NamedFile {
	name: string;
	line: number;
	content: string;
}

const AWS_CALL = /(?:^|[\s;|&(`]|\$\()aws((?:\s+[^\s;|&)`]+)+)/g;
/** Global options that take a value, so the value is not mistaken for the service. */
const OPTIONS_WITH_VALUE = new Set(['--profile', '--region', '--output', '--query', '--endpoint-url', '--color', '--cli-read-timeout']);

function blockLine(block: Code): number {
	return block.position?.start.line ?? 1;
}

/**
 * The `aws` calls in a shell script, each with its line counted from `firstLine` (the line of
 * the opening fence, so the script's first line is `firstLine + 1`).
 */
/** `service operation` as typed after `aws`; just `service` for a one-word command such as `aws login`. */
export const commandKey = (command: Pick<AwsCommand, 'service' | 'operation'>) => `${command.service} ${command.operation}`.trim();

export function awsCommandsIn(script: string, firstLine: number): AwsCommand[] {
	const commands: AwsCommand[] = [];
	const lines = script.split('\n');
	for (let index = 0; index < lines.length; index++) {
		const start = index;
		let logical = lines[index]!;
		while (/\\\s*$/.test(logical) && index + 1 < lines.length) {
			index += 1;
			logical = logical.replace(/\\\s*$/, ' ') + lines[index]!.trim();
		}
		const code = logical.replace(/(?:^|\s)#.*$/, '');
		for (const match of code.matchAll(AWS_CALL)) {
			const words = match[1]!.trim().split(/\s+/);
			const positional: string[] = [];
			for (let w = 0; w < words.length && positional.length < 2; w++) {
				const word = words[w]!;
				if (word.startsWith('--')) {
					if (OPTIONS_WITH_VALUE.has(word)) w += 1;
					continue;
				}
				positional.push(word);
			}
			if (positional.length === 0) continue;
			commands.push({
				line: firstLine + 1 + start,
				service: positional[0]!,
				operation: positional[1] ?? '',
				text: `aws${match[1]!}`.trim(),
			});
		}
	}
	return commands;
}

/** Every shell code block of the guide, with the AWS CLI calls it makes. */
export function shellBlocks(tree: Root): ShellBlock[] {
	return codeBlocks(tree)
		.filter((block) => SHELL_LANGUAGES.has(block.lang ?? ''))
		.map((block) => ({ line: blockLine(block), source: block.value, commands: awsCommandsIn(block.value, blockLine(block)) }));
}

/** Code blocks marked `file=NAME` in their fence: files a later command reads. */
export function namedFiles(tree: Root): NamedFile[] {
	const files: NamedFile[] = [];
	for (const block of codeBlocks(tree)) {
		const name = /(?:^|\s)file=([\w.-]+)(?:\s|$)/.exec(block.meta ?? '')?.[1];
		if (name) files.push({ name, line: blockLine(block), content: block.value });
	}
	return files;
}

/** Placeholders such as `<code from your app>` in a script: angle brackets around words, never a redirection. */
export function placeholdersIn(script: string): string[] {
	return [...new Set([...script.matchAll(/<[a-z][a-z0-9 -]*[a-z0-9]>/gi)].map((m) => m[0]))];
}
