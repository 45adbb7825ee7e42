import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownCell, redactSecrets } from '../../src/lib/checkup/checkup-export';
import { splitCheckupPaste } from '../../src/lib/checkup/paste-checkup';
import { readPaste } from '../../src/lib/checks/cloudshell';
import { walk } from '../../src/lib/content/mdast-walk';
import { parseMdx } from '../../src/lib/content/parse-mdx';
import { checkUnsafeContent } from '../../src/lib/content/safe-content-checks';
import { attributeProblem, isAllowedUrl } from '../../src/lib/content/url-policy';
import { logSafe } from '../../src/lib/http/log-text';
import { guardRequest, splitHost, type GuardConfig } from '../../src/lib/http/request-guard';
import { normalisedTarget } from '../../src/lib/http/wire-screen';
import { convertBody } from '../../src/lib/import/convert-body';
import { readHugoFrontMatter } from '../../src/lib/import/front-matter';
import { fileInside, imagePathProblem } from '../../src/lib/import/safe-paths';
import { resolveAlias } from '../../src/lib/redirects/old-paths';
import { buildRedirectMap } from '../../src/lib/redirects/redirect-map';
import { FUZZ, hostileText } from '../support/fuzz';

/**
 * Property-based tests: each states an invariant that must hold for any input, and fast-check
 * looks for a counterexample (fixed seed here; `npm run fuzz` looks much further).
 */

/** Elements the importer writes itself; anything else in its output would be markup from the post. */
const IMPORTER_ELEMENTS = new Set([
	'Callout',
	'Steps',
	'Screenshot',
	'kbd',
	'sub',
	'sup',
	'mark',
	'em',
	'strong',
	'b',
	'i',
	'u',
	's',
	'small',
	'code',
	'br',
]);

describe('the importer', () => {
	it('never throws on a post body, and never emits markup, an event attribute or a script URL the validator would not refuse', () => {
		fc.assert(
			fc.property(hostileText(40), (body) => {
				const converted = convertBody(body, 1, { resolveRef: () => '/guides/x/' });
				let tree;
				try {
					tree = parseMdx(converted.mdx);
				} catch {
					return; // The validator refuses MDX that does not parse: nothing reaches a page.
				}
				const refused = checkUnsafeContent(tree).length > 0;
				walk(tree, (node) => {
					if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
						expect(IMPORTER_ELEMENTS.has(node.name ?? ''), `<${node.name}> from ${JSON.stringify(body)}`).toBe(true);
						for (const attribute of node.attributes) {
							if (attribute.type === 'mdxJsxAttribute')
								expect(attributeProblem(attribute.name, typeof attribute.value === 'string' ? attribute.value : null)).toBeNull();
						}
					}
					if ((node.type === 'link' || node.type === 'image') && !isAllowedUrl(node.url)) expect(refused).toBe(true);
					if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression')
						expect(node.value.trim()).toMatch(/^\/\*[\s\S]*\*\/$/);
				});
			}),
			FUZZ,
		);
	});

	it('never throws on front matter, and reads it into plain fields or problems', () => {
		fc.assert(
			fc.property(hostileText(20), hostileText(20), (key, value) => {
				const result = readHugoFrontMatter(`---\ntitle: ${value}\n${key}: ${value}\naliases: [${value}]\n---\nBody`);
				expect(Array.isArray(result.problems)).toBe(true);
			}),
			FUZZ,
		);
	});

	describe('image paths', () => {
		let root: string;
		beforeAll(() => {
			root = mkdtempSync(join(tmpdir(), 'stepcheck-fuzz-'));
			mkdirSync(join(root, 'images/sub'), { recursive: true });
			writeFileSync(join(root, 'outside.png'), 'secret');
			writeFileSync(join(root, 'images/in.png'), 'png');
			symlinkSync(join(root, 'outside.png'), join(root, 'images/link.png'));
			symlinkSync(root, join(root, 'images/sub/up'));
		});
		afterAll(() => rmSync(root, { recursive: true, force: true }));

		it('never resolve outside their root, whatever the path', () => {
			const segment = fc.constantFrom('..', '.', '', 'in.png', 'link.png', 'sub', 'up', 'outside.png', '/', '\\', '%2e%2e', 'images');
			fc.assert(
				fc.property(fc.array(segment, { maxLength: 6 }), fc.boolean(), (segments, absolute) => {
					const path = `${absolute ? '/' : ''}${segments.join('/')}`;
					const found = fileInside(join(root, 'images'), path);
					if (found !== null) expect(found.startsWith(`${join(root, 'images')}${sep}`)).toBe(true);
					if (imagePathProblem(path) === null) expect(path.split('/')).not.toContain('..');
				}),
				FUZZ,
			);
		});
	});
});

describe('the paste parsers', () => {
	it('never throw, and never answer with a secret that was pasted', () => {
		const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
		fc.assert(
			fc.property(fc.constantFrom('mfa', 'root-user', 'users-without-mfa', 'backup-device', 'nope'), hostileText(40), (id, text) => {
				splitCheckupPaste(text);
				const outcome = readPaste(id, `${text}\naws_secret_access_key = ${SECRET}\n${text}`, {
					policy: null,
					now: new Date('2026-12-07T00:00:00Z'),
				});
				expect(JSON.stringify(outcome)).not.toContain(SECRET);
			}),
			FUZZ,
		);
	});
});

describe('the request guard and the Host parser', () => {
	const CONFIG: GuardConfig = {
		mode: 'local',
		switchName: 'STEPCHECK_LIVE_CHECKS',
		listenHost: '127.0.0.1',
		serverPort: 4321,
		allowedHosts: [],
		crossOrigins: ['https://stepcheck.example'],
	};
	const header = fc.option(
		fc.oneof(
			hostileText(8),
			fc.constantFrom(
				'127.0.0.1:4321',
				'localhost:4321',
				'null',
				'http://127.0.0.1:4321',
				'https://stepcheck.example',
				'same-origin',
				'cross-site',
			),
		),
		{ nil: null },
	);

	it('never throws, and never lets a foreign or opaque Origin through', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('GET', 'POST', 'HEAD', 'TRACE', 'x'),
				header,
				header,
				header,
				header,
				(method, host, origin, secFetchSite, referer) => {
					const decision = guardRequest({ method, host, origin, secFetchSite, referer }, CONFIG);
					if (decision.allowed && origin !== null) {
						expect(['http://127.0.0.1:4321', 'http://localhost:4321', 'https://stepcheck.example']).toContain(origin.toLowerCase());
					}
					if (decision.allowed) expect(['127.0.0.1:4321', 'localhost:4321']).toContain(host?.trim().toLowerCase());
				},
			),
			FUZZ,
		);
	});

	it('splits a Host into a plain name and a port, or refuses it', () => {
		fc.assert(
			fc.property(hostileText(10), (value) => {
				const split = splitHost(value);
				if (split) {
					expect(split.name).toMatch(/^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)$/);
					expect(split.port === null || (split.port >= 0 && split.port <= 65_535)).toBe(true);
				}
			}),
			FUZZ,
		);
	});

	it('log text never carries a control or bidi character', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (text) => {
				// eslint-disable-next-line no-control-regex -- finding control characters is the point
				expect(logSafe(text)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
			}),
			FUZZ,
		);
	});
});

describe('the redirect map and the path normaliser', () => {
	it('normalises any target to a path with no backslash, no doubled slash and no dot segment, or refuses it', () => {
		fc.assert(
			fc.property(hostileText(12), (rest) => {
				const target = normalisedTarget(`/${rest}`);
				if (target === null) return;
				const path = target.split('?')[0]!;
				expect(path.startsWith('/')).toBe(true);
				expect(path).not.toMatch(/\\|\/\/|(^|\/)\.\.?(\/|$)/);
			}),
			FUZZ,
		);
	});

	it('resolves aliases to site paths only, and builds a map whose every entry is a site path', () => {
		fc.assert(
			fc.property(fc.array(hostileText(8), { maxLength: 4 }), (aliases) => {
				for (const alias of aliases) {
					const resolved = resolveAlias(alias, '/blog/2019/post/');
					if (resolved.ok) expect(resolved.path).toMatch(/^\/(?!\/)[^\\]*$/);
				}
				const result = buildRedirectMap({
					guides: [{ id: 'x', file: 'x.mdx', target: '/guides/x/', legacyUrl: '/blog/2019/post/', aliases, images: [] }],
					legacy: { file: 'legacy.json', redirects: [] },
					pages: [{ path: '/guides/x/', file: 'x.mdx' }],
				});
				if (result.ok) {
					for (const [from, to] of Object.entries(result.map.lookup)) {
						expect(from).toMatch(/^\/(?!\/)/);
						expect(to).toMatch(/^\/(?![/\\])/);
					}
				}
			}),
			FUZZ,
		);
	});
});

describe('the Markdown export', () => {
	it('never echoes a secret, a live autolink, a bidi control or a line break into a cell', () => {
		const secret = fc.constantFrom(
			'AKIAIOSFODNN7EXAMPLE',
			'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
			`IQoJb3JpZ2luX2Vj${'Ab1/'.repeat(30)}`,
		);
		fc.assert(
			fc.property(hostileText(20), secret, hostileText(20), (before, key, after) => {
				const cell = markdownCell(`${before} ${key} ${after}`);
				expect(cell).not.toContain(key);
				expect(cell).not.toMatch(/https?:\/\/|www\.|[\n\r\u202a-\u202e\u2066-\u2069]/i);
				expect(redactSecrets(`${before} ${key} ${after}`)).not.toContain(key);
			}),
			FUZZ,
		);
	});
});
