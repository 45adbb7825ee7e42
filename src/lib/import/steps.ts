/**
 * Finds numbered lists of steps in a Hugo post and rewrites them for <Steps>: items
 * renumbered 1, 2, 3, and everything under a step (bullets, images, notes) indented so
 * it stays inside that step, however oddly the old post indented or numbered it.
 */

export interface SourceLine {
	text: string;
	/** Line in the original file, for messages. */
	line: number;
	/** Written by the importer (JSX tags), so later passes leave it alone. */
	generated?: boolean;
}

const ITEM = /^ {0,3}(\d{1,9})\s*[.)][ \t]+(\S.*)$/;
// A backtick fence's info string holds no backtick (CommonMark); ```<img …>`` is a paragraph, not code.
const FENCE = /^\s*(?:(`{3,})[^`]*|(~{3,}).*)$/;
const SECTION_BREAK = /^(?:#{1,6}\s|(?:\*\s*){3,}$|(?:-\s*){3,}$|(?:_\s*){3,}$)/;
const IMAGE_LINE = /^!\[/;

const indentOf = (text: string) => /^ */.exec(text)![0].length;
const isBlank = (text: string) => text.trim() === '';

/** Marks the lines inside fenced code, which no pass may rewrite. */
export function fencedLines(lines: SourceLine[]): boolean[] {
	const inside: boolean[] = [];
	let fence: string | null = null;
	for (const { text } of lines) {
		const match = FENCE.exec(text);
		const run = match ? (match[1] ?? match[2]!) : null;
		if (fence) {
			inside.push(true);
			if (run && run[0] === fence[0] && run.length >= fence.length && text.trim() === run) fence = null;
		} else if (run) {
			inside.push(true);
			fence = run;
		} else inside.push(false);
	}
	return inside;
}

/** Index of the next step item before the next section break, or -1. */
function nextItemBefore(lines: SourceLine[], from: number, fenced: boolean[]): number {
	for (let k = from; k < lines.length; k++) {
		if (fenced[k]) continue;
		if (SECTION_BREAK.test(lines[k]!.text)) return -1;
		if (ITEM.test(lines[k]!.text)) return k;
	}
	return -1;
}

export function wrapSteps(input: SourceLine[]): { lines: SourceLine[]; stepLists: number } {
	const lines = input.map((l) => ({ ...l, text: l.text.replace(/\t/g, '    ') }));
	const fenced = fencedLines(lines);
	const out: SourceLine[] = [];
	let stepLists = 0;
	let i = 0;
	while (i < lines.length) {
		if (fenced[i] || !ITEM.test(lines[i]!.text)) {
			out.push(lines[i]!);
			i++;
			continue;
		}
		// A run of steps: items, and whatever sits between them belongs to the step above it.
		const items: { head: SourceLine; number: string; body: SourceLine[] }[] = [];
		let j = i;
		let lastItem = true;
		while (j < lines.length) {
			const current = lines[j]!;
			const match = fenced[j] ? null : ITEM.exec(current.text);
			if (match) {
				items.push({ head: { ...current, text: match[2]! }, number: match[1]!, body: [] });
				lastItem = nextItemBefore(lines, j + 1, fenced) === -1;
				j++;
				continue;
			}
			if (!fenced[j] && !isBlank(current.text) && indentOf(current.text) === 0) {
				if (SECTION_BREAK.test(current.text)) break;
				// After the last step only an image stays with it; other text starts the page again.
				if (lastItem && !IMAGE_LINE.test(current.text) && !continuesParagraph(lines, j, fenced)) break;
			}
			items[items.length - 1]!.body.push(current);
			j++;
		}
		// Trailing blank lines belong to the page, not the last step.
		const last = items[items.length - 1]!;
		let trailing = 0;
		while (last.body.length && isBlank(last.body[last.body.length - 1]!.text)) {
			last.body.pop();
			trailing++;
		}
		stepLists++;
		out.push({ text: '<Steps>', line: lines[i]!.line, generated: true }, { text: '', line: lines[i]!.line });
		items.forEach((item, n) => {
			const marker = `${n + 1}. `;
			out.push({ ...item.head, text: `${marker}${item.head.text}` });
			// The shallowest indented line is where the old post meant "inside this step";
			// deeper lines keep their nesting relative to it, shallower ones move in to it.
			const indents = item.body.filter((l) => !isBlank(l.text) && indentOf(l.text) > 0).map((l) => indentOf(l.text));
			const base = indents.length ? Math.min(...indents) : 0;
			for (const line of item.body) {
				if (isBlank(line.text)) out.push({ ...line, text: '' });
				else out.push({ ...line, text: ' '.repeat(marker.length + Math.max(0, indentOf(line.text) - base)) + line.text.trimStart() });
			}
			if (n < items.length - 1 && item.body.length && !isBlank(item.body[item.body.length - 1]!.text)) {
				out.push({ text: '', line: item.head.line });
			}
		});
		out.push({ text: '', line: lines[j - 1]!.line }, { text: '</Steps>', line: lines[j - 1]!.line, generated: true });
		for (let t = 0; t < trailing; t++) out.push({ text: '', line: lines[j - 1]!.line });
		i = j;
	}
	return { lines: out, stepLists };
}

/** A column-0 line right under the step's text, with no blank line between, is the same paragraph. */
function continuesParagraph(lines: SourceLine[], index: number, fenced: boolean[]): boolean {
	const previous = lines[index - 1];
	return !!previous && !fenced[index - 1] && !isBlank(previous.text) && ITEM.test(previous.text);
}
