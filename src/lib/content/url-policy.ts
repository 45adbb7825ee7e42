import { sanitize } from 'hast-util-sanitize';
import type { Element, Root } from 'hast';

/**
 * What guide content may put on a page: the one allow-list of URL schemes, and the markup
 * that could run script. The MDX pipeline (safe-content-plugin.ts) strips what this refuses,
 * and the content validator (lint.ts) refuses it first with the file, the line and the fix,
 * so the stripping is a second wall, never a silent change to a guide that built.
 */

/** Schemes a link, image or component URL may use; anything without a scheme is site-relative. */
const ALLOWED_SCHEMES = ['https', 'http', 'mailto'] as const;

/** Attributes whose value the browser follows or loads as a URL (lower-case, as HTML spells them). */
const URL_ATTRIBUTES = new Set([
	'href',
	'src',
	'action',
	'formaction',
	'poster',
	'cite',
	'background',
	'data',
	'xlinkhref',
	'xlink:href',
	'ping',
]);
/** Elements that run, embed or redirect, whatever their attributes; guides have no use for them. */
const REFUSED_ELEMENTS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'meta', 'link', 'form', 'portal']);

/**
 * True when `url` is site-relative or uses an allowed scheme. The decision is hast-util-sanitize's
 * (the library behind rehype-sanitize): a URL is run through it on a one-link tree.
 */
export function isAllowedUrl(url: string): boolean {
	const tree: Root = { type: 'root', children: [{ type: 'element', tagName: 'a', properties: { href: url }, children: [] }] };
	const clean = sanitize(tree, {
		tagNames: ['a'],
		attributes: { a: ['href'] },
		protocols: { href: [...ALLOWED_SCHEMES] },
		ancestors: {},
		required: {},
		strip: [],
		clobber: [],
		allowComments: false,
		allowDoctypes: false,
	}) as Root;
	const link = clean.children[0] as Element | undefined;
	return link?.properties.href !== undefined;
}

const isEventAttribute = (name: string) => /^on/i.test(name);

/** Why an attribute could run script or open an unsafe URL; null when it is safe. */
export function attributeProblem(name: string, value: string | null): string | null {
	const lower = name.toLowerCase();
	if (isEventAttribute(lower)) return `the event attribute ${name} runs script`;
	if (lower === 'srcdoc') return 'srcdoc holds a whole page of HTML';
	if (lower === 'srcset' && value !== null) {
		const bad = value
			.split(',')
			.map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
			.find((url) => url && !isAllowedUrl(url));
		return bad === undefined ? null : `srcset holds "${bad.slice(0, 80)}", a URL outside https:, http:, mailto: and site paths`;
	}
	if (URL_ATTRIBUTES.has(lower) && value !== null && !isAllowedUrl(value)) {
		return `${name}="${value.slice(0, 80)}" uses a scheme outside https:, http:, mailto: and site paths`;
	}
	return null;
}

/** Why an element may not be in a guide; null when it may. */
export function elementProblem(tagName: string): string | null {
	return REFUSED_ELEMENTS.has(tagName.toLowerCase()) ? `<${tagName}> can run script or load another page` : null;
}
