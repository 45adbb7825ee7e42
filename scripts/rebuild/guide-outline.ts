import { createHash } from 'node:crypto';

/**
 * What pages other than a guide's own can take from its `index.mdx`, as one digest: its front
 * matter (title, description, tags, dates, checks, aliases: every list, feed, sitemap, redirect
 * and neighbour link reads these), its headings and its steps' numbers and titles (what links
 * from other guides point at), its imports and component tags with their attributes, and every link and image it
 * names (an image the page stops using would otherwise stay in the output). What is left out
 * is prose: a sentence edited inside a paragraph, a step's body, a callout's text. Deliberately
 * wider than what today's pages read, so a page added later that reads a little more of a guide
 * is still more likely to find it here than not; scripts/build.mjs also checks every other page
 * a partial build writes against the last output, byte for byte.
 */
export function guideOutline(source: string): string {
	const text = source.replace(/\r\n?/g, '\n');
	const frontMatter = /^---\n[\s\S]*?\n---(?:\n|$)/.exec(text)?.[0] ?? '';
	const body = text.slice(frontMatter.length);
	const parts: string[] = [`front matter\0${frontMatter}`];
	for (const line of body.split('\n')) {
		if (/^\s{0,3}#{1,6}\s/.test(line) || /^(?:import|export)\s/.test(line)) parts.push(`line\0${line.trim()}`);
		// A step's number (its id, `#step-3`, is what other guides link to) and title, its first
		// sentence. The title shows only on its own page and in the search index, which a partial
		// build makes again; it is here so that the rule stays simple: no title of any kind changes
		// in a partial build. The rest of the step's text is prose.
		const step = /^(\s*\d+[.)])\s+(.*)$/.exec(line);
		if (step) parts.push(`step\0${step[1]}\0${/^.*?[.!?:](?=\s|$)/.exec(step[2]!)?.[0] ?? step[2]}`);
	}
	for (const tag of body.matchAll(/<\/?[A-Za-z][^>]*>/g)) parts.push(`tag\0${tag[0]}`);
	for (const link of body.matchAll(/\]\(\s*<?([^)\s>]+)/g)) parts.push(`link\0${link[1]}`);
	for (const attribute of body.matchAll(/\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{([^}]*)\})/g))
		parts.push(`attribute\0${attribute[1] ?? attribute[2] ?? attribute[3]}`);
	return createHash('sha256').update(parts.join('\n')).digest('hex');
}
