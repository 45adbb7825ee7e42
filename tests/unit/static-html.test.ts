import { describe, expect, it } from 'vitest';
import { moveStaticHtml } from '../../src/lib/content/static-html';

const long = (text: string) => `<p>${text} ${'and more words. '.repeat(6)}</p>`;

describe("a compiled guide's static HTML", () => {
	const first = long('First "quoted" part\nwith a line break and ünïcode');
	const second = long('Second part');
	const code = [
		'function _createMdxContent(props) {',
		`  return _jsxs(_Fragment, { children: [_jsx(Fragment, { "set:html": ${JSON.stringify(first)} }), _jsx(Steps, {}),`,
		`    _jsx(Fragment, { "set:html": ${JSON.stringify(second)} }), _jsx(Fragment, { "set:html": "<p>short</p>" })] });`,
		'}',
		`const literalOnly = ${JSON.stringify(first)};`,
	].join('\n');

	it('moves each long part out, in order, and reads back as the same strings', () => {
		const moved = moveStaticHtml(code, 'parts');
		expect(moved?.parts).toEqual([first, second]);
		expect(moved?.code).toContain('"set:html": parts[0]');
		expect(moved?.code).toContain('"set:html": parts[1]');
		// A short part stays, and so does a string that is not a static part.
		expect(moved?.code).toContain('"set:html": "<p>short</p>"');
		expect(moved?.code).toContain(`const literalOnly = ${JSON.stringify(first)};`);
		expect(moved?.code.split('\n')).toHaveLength(code.split('\n').length);
	});

	it('gives the module that renders the same page', async () => {
		const render = (source: string, parts: string[] = []) =>
			new Function('parts', '_jsx', '_jsxs', '_Fragment', 'Fragment', 'Steps', `${source}\nreturn _createMdxContent({});`)(
				parts,
				(_type: unknown, props: Record<string, unknown>) => props['set:html'] ?? '<ol></ol>',
				(_type: unknown, props: { children: string[] }) => props.children.join(''),
				null,
				null,
				null,
			) as string;
		const moved = moveStaticHtml(code, 'parts')!;
		expect(render(moved.code, moved.parts)).toBe(render(code));
	});

	it('leaves a module without long parts, and a literal only JavaScript reads, as they are', () => {
		expect(moveStaticHtml('_jsx(Fragment, { "set:html": "<p>short</p>" })', 'parts')).toBeNull();
		const onlyJs = `_jsx(Fragment, { "set:html": "${long('it\\x27s')}" })`;
		expect(moveStaticHtml(onlyJs, 'parts')).toBeNull();
	});
});
