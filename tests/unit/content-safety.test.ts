import { mdxToJs } from 'satteri';
import { describe, expect, it } from 'vitest';
import { lintGuideSource } from '../../src/lib/content/lint';
import { walk } from '../../src/lib/content/mdast-walk';
import { parseMdx } from '../../src/lib/content/parse-mdx';
import { safeContentPlugin } from '../../src/lib/content/safe-content-plugin';
import { attributeProblem, isAllowedUrl } from '../../src/lib/content/url-policy';
import { convertBody } from '../../src/lib/import/convert-body';

/** Script in a guide, as a class: any URL scheme outside the allow-list, any event attribute, any element that runs or embeds. */
const HOSTILE_URLS = [
	'javascript:alert(1)',
	'JaVaScRiPt:alert(1)',
	' javascript:alert(1)',
	'java\tscript:alert(1)',
	'data:text/html,<script>alert(1)</script>',
	'vbscript:msgbox(1)',
	'DATA:image/svg+xml,x',
];
const SAFE_URLS = [
	'https://docs.aws.amazon.com/IAM/',
	'http://example.com',
	'mailto:security@example.com',
	'/guides/x/',
	'#step-2',
	'./shot.png',
	'?q=1',
	'guides/x/',
];

const lint = (body: string) =>
	lintGuideSource(`---\ntitle: x\n---\n${body}`, () => true).filter((p) => /script|scheme|event|embed/.test(p.message));

describe('the URL allow-list', () => {
	it.each(HOSTILE_URLS)('refuses %j', (url) => expect(isAllowedUrl(url)).toBe(false));
	it.each(SAFE_URLS)('allows %j', (url) => expect(isAllowedUrl(url)).toBe(true));
	it('refuses every event attribute and srcdoc, whatever the case', () => {
		for (const name of ['onerror', 'onClick', 'ONMOUSEOVER', 'srcdoc']) expect(attributeProblem(name, 'x')).not.toBeNull();
		expect(attributeProblem('srcset', 'a.png 1x, javascript:alert(1) 2x')).not.toBeNull();
		expect(attributeProblem('alt', 'javascript:alert(1)')).toBeNull();
	});
});

describe('the content validator refuses what the pipeline would strip, with the line and the fix', () => {
	it.each(HOSTILE_URLS.filter((u) => !/\s/.test(u)))('a Markdown link to %j', (url) => {
		const [problem] = lint(`Intro.\n\n[Click me](${url.replace(/[()]/g, '')})\n`);
		expect(problem?.line).toBe(6);
		expect(problem?.message).toMatch(/https:.*Link to an https:/);
	});
	it('a link definition, an image and a component href', () => {
		expect(lint('[x][d]\n\n[d]: javascript:alert(1)\n')).toHaveLength(1);
		expect(lint('![A picture of something here](data:image/png;base64,AAAA)\n')).toHaveLength(1);
		expect(lint('<a href="javascript:alert(1)">x</a>\n')).toHaveLength(1);
	});
	it('event attributes and elements that run script', () => {
		expect(lint('<img src="x.png" onerror="alert(1)" />\n')[0]?.message).toMatch(/onerror runs script.*Remove/);
		expect(lint('<script>alert(1)</script>\n')[0]?.message).toMatch(/<script>/);
		expect(lint('<iframe src="https://example.com" />\n')).toHaveLength(1);
	});
});

describe('the MDX pipeline strips what the validator refuses', () => {
	const compile = (source: string) => (mdxToJs(source, { hastPlugins: [safeContentPlugin] }) as { code: string }).code;
	it('drops script URLs, event handlers and script elements', () => {
		const code = compile(
			'Hello [x](javascript:alert(1)) [y](DATA:text/html,x) ![a](javascript:alert(2))\n\n<img src="x.png" onerror="alert(3)" />\n\n<a href=" JavaScript:alert(4)">z</a>\n\n<script>alert(5)</script>\n\n[ok](https://docs.aws.amazon.com/)\n',
		);
		expect(code).not.toMatch(/javascript:|data:|alert\(/i);
		expect(code).toContain('https://docs.aws.amazon.com/');
	});
});

describe('the importer never passes raw HTML through', () => {
	const convert = (body: string) => convertBody(body, 1, { resolveRef: () => null });
	it.each([
		'``<img src=x onerror=alert(1)>`',
		'`<img src=x onerror=alert(1)>``',
		'```<img src=x onerror=alert(1)>``',
		'Text ``a ` <img src=x onerror=alert(1)>` b',
	])('escapes HTML beside an unbalanced backtick run: %j', (line) => {
		const { mdx } = convert(line);
		const elements: string[] = [];
		walk(parseMdx(mdx), (node) => {
			if (node.type === 'mdxJsxTextElement' || node.type === 'mdxJsxFlowElement') elements.push(node.name ?? 'fragment');
		});
		expect(elements).toEqual([]);
	});
	it('keeps HTML inside a real code span as code', () => {
		expect(convert('Use `` `<b>` `` here.').mdx).toContain('`` `<b>` ``');
	});
});
