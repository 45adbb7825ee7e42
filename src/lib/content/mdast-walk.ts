import type { Code, Root, RootContent } from 'mdast';

/** Visits every node below `node`, depth first. */
export function walk(node: Root | RootContent, visit: (n: RootContent) => void) {
	if ('children' in node) {
		for (const child of node.children as RootContent[]) {
			visit(child);
			walk(child, visit);
		}
	}
}

/** Every fenced code block of the guide, in reading order, however deep in steps and callouts. */
export function codeBlocks(tree: Root): Code[] {
	const blocks: Code[] = [];
	walk(tree, (node) => {
		if (node.type === 'code') blocks.push(node);
	});
	return blocks;
}
