import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml, YAMLError } from 'yaml';
import { yamlErrorLine } from '../content/front-matter-problems';
import { parseGuideDate, type DateOrder } from '../content/dates';

/**
 * Hugo front matter (YAML between `---`, TOML between `+++`, or a JSON object) read into the fields a
 * Stepcheck guide needs. Nothing is guessed: a value that cannot be read becomes a problem
 * naming the field, and a value read with a caveat becomes a note the author sees.
 */

interface HugoFrontMatter {
	title?: string;
	description?: string;
	published?: string;
	updated?: string;
	tags: string[];
	/** The Hugo fields the tags came from (`tags`, `categories`, `keywords`), in that order. */
	tagFields: string[];
	aliases: string[];
	draft: boolean;
	/** Hugo's `slug` and `url`, which decide the post's old URL. */
	slug?: string;
	url?: string;
}

export interface FrontMatterResult {
	fields: HugoFrontMatter;
	body: string;
	/** Line of the file where the body starts, so body problems can name true lines. */
	bodyLine: number;
	problems: string[];
	/** Front matter that does not parse, with the line of the file it fails on, where the parser says. */
	syntaxError?: { line: number; message: string };
	notes: string[];
}

const YAML_BLOCK = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const TOML_BLOCK = /^\+\+\+[ \t]*\r?\n([\s\S]*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)/;

/**
 * Hugo's JSON front matter: an object at the very start of the file, ending at its closing
 * brace. The end is found by counting braces outside strings, so a `}` in a title is no end.
 */
function jsonBlock(source: string): RegExpExecArray | null {
	// An object opens with a key or closes at once; `{{< notice >}}` at the top is a shortcode, not front matter.
	if (!/^\{\s*["}]/.test(source)) return null;
	let depth = 0;
	let inString = false;
	for (let at = 0; at < source.length; at++) {
		const char = source[at];
		if (inString) {
			if (char === '\\') at++;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === '{') depth++;
		else if (char === '}' && --depth === 0) {
			const end = /^[ \t]*(?:\r?\n|$)/.exec(source.slice(at + 1))![0];
			const match = [source.slice(0, at + 1 + end.length), source.slice(0, at + 1)] as unknown as RegExpExecArray;
			return Object.assign(match, { index: 0, input: source });
		}
	}
	// Never closed: the whole file is the block, so the parser reports where it ran out.
	return Object.assign([source, source] as unknown as RegExpExecArray, { index: 0, input: source });
}

/** The line of the file a parser's error points at: YAML and TOML count from the block's first line, JSON from the file's. */
function errorLine(error: unknown, format: 'YAML' | 'TOML' | 'JSON', block: string): number | undefined {
	if (format === 'YAML') return error instanceof YAMLError ? yamlErrorLine(error, block.split('\n')).line + 1 : undefined;
	if (format === 'TOML') {
		const line = (error as { line?: number }).line;
		return typeof line === 'number' ? line + 1 : undefined;
	}
	const message = (error as Error).message;
	const line = /line (\d+)/.exec(message)?.[1];
	if (line) return Number(line);
	const position = /position (\d+)/.exec(message)?.[1];
	return position ? block.slice(0, Number(position)).split('\n').length : undefined;
}

function lineCount(text: string): number {
	return text.split('\n').length - 1;
}

/** Tags become lower-case words joined by dashes, which the guide schema requires. */
export function tagSlug(tag: string): string {
	return tag
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

function asText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number') return String(value);
	return undefined;
}

function asList(value: unknown): unknown[] {
	if (value === undefined || value === null) return [];
	return Array.isArray(value) ? value : [value];
}

export function readHugoFrontMatter(source: string, dateOrder?: DateOrder): FrontMatterResult {
	const problems: string[] = [];
	const notes: string[] = [];
	const yaml = YAML_BLOCK.exec(source);
	const toml = yaml ? null : TOML_BLOCK.exec(source);
	const json = yaml || toml ? null : jsonBlock(source);
	const block = yaml ?? toml ?? json;
	const format = yaml ? 'YAML' : toml ? 'TOML' : 'JSON';
	let syntaxError: FrontMatterResult['syntaxError'];
	const empty: HugoFrontMatter = { tags: [], tagFields: [], aliases: [], draft: false };
	if (!block) {
		return {
			fields: empty,
			body: source,
			bodyLine: 1,
			problems: ['has no front matter. A Hugo post starts with YAML between --- lines, TOML between +++ lines, or a JSON object.'],
			notes,
		};
	}
	let data: Record<string, unknown>;
	try {
		const parsed = yaml ? parseYaml(block[1]!) : toml ? parseToml(block[1]!) : (JSON.parse(block[1]!) as unknown);
		data = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
	} catch (error) {
		// The parser's own "at line 3, column 12" counts from inside the block; the file's line is given instead.
		const reason = (error as Error).message.split('\n')[0]!.replace(/,? at line \d+,? column \d+:?$/, '');
		const message = `has front matter that is not valid ${format}: ${reason}.`;
		const line = errorLine(error, format, block[1]!);
		if (line === undefined) problems.push(message);
		else syntaxError = { line, message: `${message} Fix it there, then import again.` };
		data = {};
	}
	const body = source.slice(block[0].length);
	const bodyLine = lineCount(block[0]) + 1;

	const readDate = (field: string): string | undefined => {
		const value = data[field];
		if (value === undefined || value === null || value === '') return undefined;
		// TOML and YAML hand over dates with a time as Date; Hugo posts carry times we do not need.
		const text =
			value instanceof Date
				? value
				: String(value)
						.trim()
						.replace(/[T ]\d{1,2}:\d{2}.*$/, '');
		let result = parseGuideDate(text, dateOrder);
		if (!result.ok && !dateOrder) {
			// Without --date-order only a dd-dd-yyyy value with a single possible reading is
			// taken (25-12-2019), and the note says how it was read; two readings still stop.
			const mdy = parseGuideDate(text, 'mdy');
			const dmy = parseGuideDate(text, 'dmy');
			if (mdy.ok && dmy.ok && mdy.iso === dmy.iso) result = mdy.note ? mdy : dmy;
		}
		if (!result.ok) {
			const hint = /ambiguous/.test(result.message)
				? ' Pass --date-order mdy or --date-order dmy to say how the blog wrote its dates.'
				: '';
			problems.push(`\`${field}\` ${result.message}${hint}`);
			return undefined;
		}
		if (result.note) notes.push(`\`${field}\` ${result.note}`);
		return result.iso;
	};

	// Hugo's own taxonomies (tags, categories) and its SEO keywords all become tags.
	const tags: string[] = [];
	const tagFields: string[] = [];
	for (const field of ['tags', 'categories', 'keywords']) {
		for (const tag of asList(data[field])) {
			const slug = tagSlug(String(tag));
			if (!slug) {
				problems.push(`\`${field}\` entry "${String(tag)}" has no letters or digits to keep.`);
				continue;
			}
			if (slug !== String(tag)) notes.push(`tag "${String(tag)}" became "${slug}".`);
			if (!tagFields.includes(field)) tagFields.push(field);
			if (!tags.includes(slug)) tags.push(slug);
		}
	}

	const aliases = asList(data.aliases)
		.map((a) => String(a).trim())
		.filter(Boolean);
	const draft = data.draft === true || data.draft === 'true';

	return {
		fields: {
			title: asText(data.title),
			description: asText(data.description) ?? asText(data.summary),
			published: readDate('date') ?? (data.date === undefined ? readDate('publishDate') : undefined),
			updated: readDate('lastmod'),
			tags,
			tagFields,
			aliases,
			draft,
			slug: asText(data.slug),
			url: asText(data.url),
		},
		body,
		bodyLine,
		problems,
		...(syntaxError ? { syntaxError } : {}),
		notes,
	};
}
