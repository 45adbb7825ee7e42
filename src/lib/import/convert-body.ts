import { needsComponent, readImageUrl, type ScreenshotProps } from './image-options';
import { splitCodeSpans } from './code-spans';
import { imagePathProblem } from './safe-paths';
import { fencedLines, wrapSteps, type SourceLine } from './steps';

/**
 * Turns the Markdown body of a Hugo (Learn / Relearn theme) post into a Stepcheck MDX body.
 * Anything it cannot carry over faithfully is a problem with the line it is on, so an
 * import never loses content silently.
 */

interface ImageUse {
	/** The URL path as the post wrote it, without the query: /blog/2019/images/awsmfa1.png. */
	path: string;
	/** The file name beside the new guide: awsmfa1.png. */
	localName: string;
	/** The alt text the post gave it. */
	alt: string;
	line: number;
}

export interface BodyContext {
	/** Where a `ref`/`relref` target now lives (/guides/<id>/), or null when it was not imported. */
	resolveRef: (target: string) => string | null;
}

export interface ConvertedBody {
	mdx: string;
	/** `import shot… from './file.png'` lines for images that need <Screenshot> options. */
	imports: string[];
	images: ImageUse[];
	stepLists: number;
	problems: { line: number; message: string }[];
	warnings: { line: number; message: string }[];
}

const NOTICE_TYPES: Record<string, 'note' | 'tip' | 'warning'> = {
	note: 'note',
	info: 'note',
	tip: 'tip',
	warning: 'warning',
	important: 'warning',
	caution: 'warning',
};
/** Inline tags without attributes are valid JSX as written, so MDX takes them unchanged. */
const KEPT_INLINE_TAG = /^<\/?(?:kbd|sub|sup|mark|em|strong|b|i|u|s|small|code)>$/;
const SHORTCODE = /\{\{([<%])\s*(\/?)\s*([\w-]+)((?:[^}]|\}(?!\}))*?)\s*[>%]\}\}/g;
const IMAGE = /!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"([^"]*)")?\s*\)/g;

function attr(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/\{/g, '&#123;').replace(/\}/g, '&#125;');
}

/** First argument of a shortcode: `"quoted"`, `title="quoted"` or a bare word. */
function shortcodeArgs(raw: string): { positional: string[]; named: Record<string, string> } {
	const positional: string[] = [];
	const named: Record<string, string> = {};
	for (const m of raw.matchAll(/(?:(\w+)=)?(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
		const value = m[2] ?? m[3] ?? m[4] ?? '';
		if (m[1]) named[m[1]] = value;
		else positional.push(value);
	}
	return { positional, named };
}

function identifierFor(fileName: string, taken: Set<string>): string {
	const stem = fileName.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''));
	const base = `shot${stem.charAt(0).toUpperCase()}${stem.slice(1)}`;
	let name = base;
	for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
	taken.add(name);
	return name;
}

/** Escapes what MDX would read as JSX or expressions in prose, outside inline code. */
function escapeProse(text: string, report: (message: string) => void): string {
	return splitCodeSpans(text)
		.flatMap((piece) => (piece.code ? [piece] : piece.text.split(/(<!--[\s\S]*?-->)/).map((part) => ({ code: false, text: part }))))
		.map(({ code, text: part }) => {
			if (code) return part;
			if (part.startsWith('<!--') && part.endsWith('-->')) return `{/*${part.slice(4, -3).replace(/\*\//g, '* /')}*/}`;
			return part
				.replace(/[{}]/g, (brace) => `\\${brace}`)
				.replace(/<(https?:\/\/[^>\s]+)>/g, '[$1]($1)')
				.replace(/<br\s*\/?>/gi, '<br />')
				.replace(/<(\/?[A-Za-z!][^>]*)>?/g, (whole, inner: string) => {
					if (/^br \/$/.test(inner) || KEPT_INLINE_TAG.test(whole)) return whole;
					report(
						`raw HTML ${whole} was escaped and will show as text. Rewrite it in Markdown (or a Stepcheck component) if it was markup.`,
					);
					// Every `<` of it, so a tag inside an attribute (srcdoc="<script>") is text too.
					return whole.replace(/</g, '&lt;');
				});
		})
		.join('');
}

/** A blockquote becomes a callout; "**Warning**" or "Tip:" at its start picks the type. */
function blockquotesToCallouts(lines: SourceLine[]): SourceLine[] {
	const fenced = fencedLines(lines);
	const out: SourceLine[] = [];
	for (let index = 0; index < lines.length; index++) {
		const quote = fenced[index] ? null : /^(\s*)>\s?(.*)$/.exec(lines[index]!.text);
		if (!quote) {
			out.push(lines[index]!);
			continue;
		}
		const indent = quote[1]!;
		const line = lines[index]!.line;
		const content: SourceLine[] = [{ text: quote[2]!, line }];
		while (index + 1 < lines.length && !fenced[index + 1] && /^\s*>/.test(lines[index + 1]!.text)) {
			index++;
			content.push({ text: /^\s*>\s?(.*)$/.exec(lines[index]!.text)![1]!, line: lines[index]!.line });
		}
		let type: 'note' | 'tip' | 'warning' = 'note';
		const lead = /^\s*(?:\*\*|__)?(note|info|tip|warning|important|caution)(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?\s*/i.exec(content[0]!.text);
		if (lead) {
			type = NOTICE_TYPES[lead[1]!.toLowerCase()]!;
			content[0] = { ...content[0]!, text: content[0]!.text.slice(lead[0].length) };
		}
		out.push(
			{ text: '', line },
			{ text: `${indent}<Callout type="${type}">`, line, generated: true },
			{ text: '', line },
			...content.map((c) => ({ ...c, text: c.text.trim() ? `${indent}${c.text}` : '' })),
			{ text: '', line },
			{ text: `${indent}</Callout>`, line, generated: true },
			{ text: '', line },
		);
	}
	return out;
}

export function convertBody(body: string, startLine: number, context: BodyContext): ConvertedBody {
	const problems: ConvertedBody['problems'] = [];
	const warnings: ConvertedBody['warnings'] = [];
	const images: ImageUse[] = [];
	const imports: string[] = [];
	const localNames = new Map<string, string>();
	const identifiers = new Map<string, string>();
	const takenNames = new Set<string>();
	const takenIdentifiers = new Set<string>();

	const source: SourceLine[] = body.split(/\r?\n/).map((text, i) => ({ text, line: startLine + i }));
	const { lines: wrapped, stepLists } = wrapSteps(source);
	const stepped = blockquotesToCallouts(wrapped);
	const fenced = fencedLines(stepped);
	const out: SourceLine[] = [];
	const openBlocks: { name: string; line: number }[] = [];

	const localNameFor = (path: string): string => {
		const known = localNames.get(path);
		if (known) return known;
		const fileName = path
			.split('/')
			.pop()!
			.replace(/[^A-Za-z0-9._-]/g, '-');
		let name = fileName;
		for (let n = 2; takenNames.has(name); n++) name = fileName.replace(/(\.[^.]+)?$/, `-${n}$1`);
		takenNames.add(name);
		localNames.set(path, name);
		return name;
	};

	for (let index = 0; index < stepped.length; index++) {
		const current = stepped[index]!;
		if (fenced[index] || current.generated) {
			out.push(current);
			continue;
		}
		const indent = /^ */.exec(current.text)![0];
		const line = current.line;
		let text = current.text;
		const blockLines: SourceLine[] = [];

		text = text.replace(SHORTCODE, (whole, delim: string, closing: string, name: string, rawArgs: string) => {
			const args = shortcodeArgs(rawArgs.trim());
			const alone = current.text.trim() === whole;
			if (name === 'ref' || name === 'relref') {
				const target = args.positional[0] ?? args.named.path ?? '';
				const resolved = context.resolveRef(target);
				if (!resolved) {
					problems.push({
						line,
						message: `{{< ${name} "${target}" >}} points at a post that is not part of this import. Import that post too, or replace the link by hand.`,
					});
					return whole;
				}
				return resolved;
			}
			if (name === 'notice' || name === 'expand' || name === 'tabs' || name === 'tab') {
				const written = `{{${delim} ${closing}${name} ${delim === '<' ? '>' : '%'}}}`;
				if (!alone) {
					problems.push({
						line,
						message: `the ${written} shortcode shares its line with other text. Put it on a line of its own, then import again.`,
					});
					return whole;
				}
				const callout = name === 'notice' || name === 'expand';
				if (closing) {
					const open = openBlocks.pop();
					if (!open || open.name !== name) {
						problems.push({
							line,
							message: `${written} closes nothing${open ? ` (the open shortcode is ${open.name}, from line ${open.line})` : ''}.`,
						});
						return whole;
					}
					blockLines.push({ text: '', line }, ...(callout ? [{ text: `${indent}</Callout>`, line, generated: true }] : []));
					return '';
				}
				openBlocks.push({ name, line });
				if (name === 'tabs') {
					// Stepcheck has no tabs: each tab becomes a labelled section, one after the other.
					warnings.push({
						line,
						message: 'the tabs became one labelled section per tab, one after the other. Check that they read well that way.',
					});
					blockLines.push({ text: '', line });
					return '';
				}
				if (name === 'tab') {
					const label = (args.named.name ?? args.named.title ?? args.positional[0] ?? 'Tab').replace(/[*_]/g, '');
					blockLines.push({ text: '', line }, { text: `${indent}**${label}**`, line }, { text: '', line });
					return '';
				}
				let type: 'note' | 'tip' | 'warning' = 'note';
				let title = args.named.title;
				if (name === 'notice') {
					const kind = (args.positional[0] ?? args.named.style ?? 'note').toLowerCase();
					const mapped = NOTICE_TYPES[kind];
					if (!mapped) {
						problems.push({
							line,
							message: `notice type "${kind}" has no Stepcheck callout. Use one of ${Object.keys(NOTICE_TYPES).join(', ')}.`,
						});
					} else type = mapped;
					title ??= args.positional[1];
				} else {
					title ??= args.positional[0] ?? 'Details';
				}
				blockLines.push(
					{ text: `${indent}<Callout type="${type}"${title ? ` title="${attr(title)}"` : ''}>`, line, generated: true },
					{ text: '', line },
				);
				return '';
			}
			if (name === 'figure') {
				// Hugo's figure is an image with optional alt, caption and title: the image rules below take it from here.
				const src = args.named.src ?? args.positional[0];
				if (!src) {
					problems.push({ line, message: 'the {{< figure >}} shortcode has no src. Give it src="/path/to/image.png", then import again.' });
					return whole;
				}
				const caption = (args.named.caption ?? args.named.title ?? '').replace(/"/g, "'");
				const alt = (args.named.alt ?? caption).replace(/[[\]]/g, '');
				return `![${alt}](${src}${caption ? ` "${caption}"` : ''})`;
			}
			problems.push({
				line,
				message: `the {{< ${name} >}} shortcode is not one Stepcheck can convert (it knows notice, expand, tabs, figure, ref and relref). Replace it by hand in the post, then import again.`,
			});
			return whole;
		});
		if (blockLines.length) {
			out.push({ text: '', line }, ...blockLines);
			continue;
		}

		text = text.replace(IMAGE, (whole, alt: string, url: string, title: string | undefined) => {
			if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) {
				problems.push({
					line,
					message: `image ${url} is on another site. Download it next to the post's images so it can be copied with the guide.`,
				});
				return whole;
			}
			if (!alt.trim()) {
				problems.push({
					line,
					message: `image ${url} has no alt text. Describe what it shows in the post (![The Security credentials page](${url})), then import again.`,
				});
			}
			const read = readImageUrl(url);
			const unsafe = imagePathProblem(read.path);
			if (unsafe) {
				problems.push({ line, message: `image ${url} ${unsafe}` });
				return whole;
			}
			for (const message of read.problems) problems.push({ line, message: `image ${url} ${message}` });
			for (const message of read.warnings) warnings.push({ line, message: `image ${url} ${message}` });
			const localName = localNameFor(read.path);
			images.push({ path: read.path, localName, alt: alt.trim(), line });
			if (!needsComponent(read.props)) {
				return `![${alt}](./${localName}${title ? ` "${title.replace(/"/g, '\\"')}"` : ''})`;
			}
			let identifier = identifiers.get(read.path);
			if (!identifier) {
				identifier = identifierFor(localName, takenIdentifiers);
				identifiers.set(read.path, identifier);
				imports.push(`import ${identifier} from './${localName}';`);
			}
			return screenshotTag(identifier, alt, read.props, title);
		});

		out.push({ text: protectJsx(text, (m) => warnings.push({ line, message: m })), line });
	}
	for (const open of openBlocks) {
		problems.push({ line: open.line, message: `{{% ${open.name} %}} is never closed with {{% /${open.name} %}}.` });
	}

	const mdx = out
		.map((l) => l.text.replace(/\s+$/, ''))
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
	return { mdx: `${mdx}\n`, imports, images, stepLists, problems, warnings };
}

/** Escapes prose while leaving the <Screenshot … /> tags this importer wrote untouched. */
function protectJsx(text: string, report: (message: string) => void): string {
	return text
		.split(/(<Screenshot [^>]*\/>)/)
		.map((part, i) => (i % 2 === 1 ? part : escapeProse(part, report)))
		.join('');
}

function screenshotTag(identifier: string, alt: string, props: ScreenshotProps, title: string | undefined): string {
	const parts = [`<Screenshot src={${identifier}} alt="${attr(alt)}"`];
	if (props.frame) parts.push(`frame="${props.frame}"`);
	if (props.maxWidth) parts.push(`maxWidth="${props.maxWidth}"`);
	if (props.zoom === false) parts.push('zoom={false}');
	if (title) parts.push(`caption="${attr(title)}"`);
	return `${parts.join(' ')} />`;
}
