import { parseDocument, type YAMLError } from 'yaml';
import { checkFrontmatter, frontmatterText, type GuideProblem } from './guide-content-checks';

/**
 * The front matter's problems with the lines of the file they are on: YAML that does not parse,
 * then fields the schema refuses. Astro reports both too, but counts lines from inside the
 * front matter and points an unclosed quote at the end of the block; an author needs the line
 * to open.
 */

/** The front matter starts on line 2 of the file, after its opening `---`. */
const FIRST_LINE = 2;

function firstSentence(message: string): string {
	return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** The line (within the front matter) whose quoted value opens but never closes. */
function unclosedQuoteLine(lines: string[]): number | undefined {
	const index = lines.findIndex((line) => {
		const open = /^\s*(?:-\s+)?(?:[^:#]+:\s*)?(["'])(.*)$/.exec(line);
		if (!open) return false;
		const [, quote, rest] = open;
		const unescaped = quote === '"' ? rest!.replace(/\\./g, '') : rest!.replace(/''/g, '');
		return !unescaped.includes(quote!);
	});
	return index === -1 ? undefined : index + 1;
}

/**
 * The line within the YAML block that a parse error belongs to: the parser points an unclosed
 * quote at the end of the block, so that one is found where the quote opens. The Hugo importer
 * uses it too.
 */
export function yamlErrorLine(error: YAMLError, lines: string[]): { line: number; unclosedQuote: boolean } {
	const unclosed = error.code === 'MISSING_CHAR' && /quote/.test(error.message) ? unclosedQuoteLine(lines) : undefined;
	return { line: unclosed ?? error.linePos?.[0].line ?? 1, unclosedQuote: unclosed !== undefined };
}

function yamlProblem(error: YAMLError, lines: string[]): GuideProblem {
	const found = yamlErrorLine(error, lines);
	const unclosed = found.unclosedQuote;
	const line = found.line + FIRST_LINE - 1;
	const fix = unclosed
		? 'Close the quote on the same line, or remove it.'
		: 'Check this line for a missing quote, a stray ":" inside an unquoted value, or a list without its closing "]".';
	return { line, message: `The front matter is not valid YAML: ${firstSentence(error.message)}. ${fix}` };
}

/** The file line of a top-level front-matter field, or the front matter's first line. */
function fieldLine(lines: string[], field: string): number {
	const index = lines.findIndex((line) => line.startsWith(`${field}:`));
	return (index === -1 ? 0 : index) + FIRST_LINE;
}

export function frontMatterProblems(source: string): GuideProblem[] {
	const text = frontmatterText(source);
	if (text === null) {
		return [
			{
				line: 1,
				message:
					'The guide has no front matter. Start the file with a line "---", the fields (title, description, published, tags), and another "---".',
			},
		];
	}
	const lines = text.split(/\r?\n/);
	const document = parseDocument(text);
	if (document.errors.length) return document.errors.slice(0, 1).map((error) => yamlProblem(error, lines));
	return checkFrontmatter(document.toJS(), (field) => fieldLine(lines, field));
}
