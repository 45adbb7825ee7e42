import { describe, expect, it } from 'vitest';
import { joinBase, normaliseBase, pagefindScriptUrl, searchPageUrl, stripBase } from '../../src/lib/site/base-path';

describe('the base-aware path helper', () => {
	it.each([
		['', '/'],
		['/', '/'],
		[undefined, '/'],
		['/docs', '/docs/'],
		['docs/', '/docs/'],
		['/a/b/', '/a/b/'],
	])('normalises the base %j to %j', (base, expected) => {
		expect(normaliseBase(base)).toBe(expected);
	});

	it.each([
		['/', '/guides/x/#step-2', '/guides/x/#step-2'],
		['/security', '/guides/x/#step-2', '/security/guides/x/#step-2'],
		['/security/', '/', '/security/'],
		['/security', '/rss.xml', '/security/rss.xml'],
		['/security', '/api/checks/mfa', '/security/api/checks/mfa'],
	])('under base %j puts %j at %j', (base, path, expected) => {
		expect(joinBase(base, path)).toBe(expected);
	});

	it.each(['https://docs.aws.amazon.com/iam/', '//cdn.example/x.png', '#step-3', './shot.png', 'mailto:a@example.org', '?q=mfa'])(
		'leaves %j alone: it is not a path from the site root',
		(href) => {
			expect(joinBase('/security', href)).toBe(href);
		},
	);

	it('takes the base off a served path, and says when a path lies outside it', () => {
		expect(stripBase('/security', '/security/guides/x/')).toBe('/guides/x/');
		expect(stripBase('/security', '/security')).toBe('/');
		expect(stripBase('/', '/guides/x/')).toBe('/guides/x/');
		expect(stripBase('/security', '/guides/x/')).toBeNull();
		expect(stripBase('/security', '/securityx/')).toBeNull();
	});

	it('puts Pagefind and the search page under the base', () => {
		expect(pagefindScriptUrl('/docs')).toBe('/docs/pagefind/pagefind.js');
		expect(pagefindScriptUrl('/')).toBe('/pagefind/pagefind.js');
		expect(searchPageUrl('/docs/', ' qr code ')).toBe('/docs/search/?q=qr%20code');
		expect(searchPageUrl('/', '')).toBe('/search/');
	});
});
