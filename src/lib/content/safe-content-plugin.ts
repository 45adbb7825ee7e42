import { defineHastPlugin, type HastVisitorContext } from 'satteri';
import type { Element } from 'hast';
import { attributeProblem, elementProblem } from './url-policy.ts';

/**
 * The MDX pipeline's half of the content policy (url-policy.ts): every element and component
 * of every guide passes through here, and what could run script is dropped before the page is
 * written. The content validator refuses the same things first, with the line and the fix.
 * Astro config loads this file directly, so its imports name their extension.
 */

function propertyText(value: Element['properties'][string]): string | null {
	if (value === null || value === undefined || typeof value === 'boolean') return null;
	return Array.isArray(value) ? value.join(' ') : String(value);
}

interface JsxAttribute {
	type: string;
	name?: string;
	value?: unknown;
}

function visitJsx(node: { name?: string | null; attributes: readonly JsxAttribute[] }, ctx: HastVisitorContext) {
	if (node.name && elementProblem(node.name)) {
		ctx.removeNode(node as never);
		return;
	}
	for (const attribute of node.attributes) {
		if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) continue;
		// An expression ({shot}) is the author's own code, compiled like the rest of the guide.
		const value =
			typeof attribute.value === 'string' ? attribute.value : attribute.value === null || attribute.value === undefined ? null : undefined;
		if (value === undefined) continue;
		// Sätteri cannot delete a component's attribute; an empty value is inert for events and URLs alike.
		if (attributeProblem(attribute.name, value)) ctx.setProperty(node as never, attribute.name, '');
	}
}

const visitElement = (node: Element, ctx: HastVisitorContext) => {
	if (elementProblem(node.tagName)) {
		ctx.removeNode(node);
		return;
	}
	for (const [name, value] of Object.entries(node.properties ?? {})) {
		if (attributeProblem(name, propertyText(value))) ctx.setProperty(node, name, undefined);
	}
};

export const safeContentPlugin = defineHastPlugin({
	name: 'stepcheck-safe-content',
	element: { filter: [], visit: visitElement },
	mdxJsxFlowElement: { filter: [], visit: (node, ctx) => visitJsx(node, ctx) },
	mdxJsxTextElement: { filter: [], visit: (node, ctx) => visitJsx(node, ctx) },
});
