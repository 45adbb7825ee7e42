/**
 * The static parts of a compiled guide, moved out of its module. The MDX compiler writes every
 * part of a guide without components as one HTML string (`"set:html": "<h2>…"`), so the guides'
 * text and highlighted code are most of the bytes the bundler parses, keeps and writes: about
 * 0.15 GB of a 1,000-guide build's peak memory with code-heavy guides (docs/performance.md,
 * "Peak memory"). A build keeps them in a file instead, which the module reads when it is loaded.
 */

/** A static part as the MDX compiler writes it: a double-quoted string literal on one line. */
const STATIC_HTML = /"set:html": ("(?:[^"\\\n]|\\.)*")/g;

/** Parts shorter than this stay in the module: a file read saves nothing on them. */
const SHORTEST_MOVED = 64;

export interface MovedHtml {
	/** The module's code with each moved part replaced by `<name>[index]`. */
	code: string;
	parts: string[];
}

/**
 * `code` with its static parts replaced by items of the array `name`, or null when it has none
 * worth moving. A literal JSON cannot read (an escape only JavaScript has) is left where it is.
 */
export function moveStaticHtml(code: string, name: string): MovedHtml | null {
	const parts: string[] = [];
	const moved = code.replace(STATIC_HTML, (whole, literal: string) => {
		if (literal.length < SHORTEST_MOVED) return whole;
		let html: string;
		try {
			html = JSON.parse(literal) as string;
		} catch {
			return whole;
		}
		parts.push(html);
		return `"set:html": ${name}[${parts.length - 1}]`;
	});
	return parts.length ? { code: moved, parts } : null;
}
