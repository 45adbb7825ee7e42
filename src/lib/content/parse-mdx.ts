import { mdxToMdast } from 'satteri';
import type { Root } from 'mdast';

/**
 * A guide's MDX as an mdast tree, parsed by Sätteri: the processor that compiles the guide
 * in the build, so the checks read the file exactly as the build will. Front matter comes
 * back as a `yaml` node; positions are the file's own lines.
 */
export function parseMdx(source: string): Root {
	return mdxToMdast(source) as unknown as Root;
}

/** Where and why Sätteri refused the file: its messages start with "line:column: ". */
export function mdxSyntaxError(error: unknown): { line: number; reason: string } {
	const message = error instanceof Error ? error.message : String(error);
	const match = /^(\d+):(\d+):\s*([\s\S]*)$/.exec(message);
	if (!match) return { line: 1, reason: message };
	return { line: Number(match[1]), reason: match[3]!.replace(/\s*\([\w:-]+\)$/, '') };
}
