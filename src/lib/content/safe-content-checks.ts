import type { Root } from 'mdast';
import type { GuideProblem } from './guide-content-checks';
import { walk } from './mdast-walk';
import { attributeProblem, elementProblem, isAllowedUrl } from './url-policy';

/**
 * The content validator's half of the content policy (url-policy.ts): what the MDX pipeline
 * would strip from the page is refused here first, so a guide never builds with a silent hole.
 */
export function checkUnsafeContent(tree: Root): GuideProblem[] {
	const problems: GuideProblem[] = [];
	walk(tree, (node) => {
		const line = node.position?.start.line ?? 1;
		if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && !isAllowedUrl(node.url)) {
			const what = node.type === 'image' ? 'image' : 'link';
			problems.push({
				line,
				message: `The ${what} "${node.url.slice(0, 80)}" uses a URL scheme outside https:, http:, mailto: and site paths, which could run script or hide a page. Link to an https: address or a page of this site instead.`,
			});
		}
		if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
		const element = node.name ? elementProblem(node.name) : null;
		if (element) {
			problems.push({
				line,
				message: `${element}, so guides may not hold it. Remove it; link to the page instead, or use a Stepcheck component.`,
			});
		}
		for (const attribute of node.attributes) {
			if (attribute.type !== 'mdxJsxAttribute') continue;
			const value = typeof attribute.value === 'string' ? attribute.value : attribute.value == null ? null : undefined;
			// An expression ({shot}) is the author's own code, compiled like the rest of the guide.
			if (value === undefined) continue;
			const why = attributeProblem(attribute.name, value);
			if (why) {
				problems.push({
					line,
					message: `<${node.name ?? 'fragment'}>: ${why}. Remove the attribute; a link must use https:, http:, mailto: or a path of this site.`,
				});
			}
		}
	});
	return problems;
}
