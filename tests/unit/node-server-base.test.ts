import { describe, expect, it } from 'vitest';
import { answerOutsideBase } from '../../src/lib/http/node-server';

const redirects = { '/security/blog/2019/enable-aws-mfa/': '/security/guides/turn-on-mfa-aws/' };

describe('the Node server outside its base path', () => {
	it('leads / to the base and old root URLs to their guides', () => {
		expect(answerOutsideBase('/', '/security/', redirects)).toEqual({ status: 301, location: '/security/' });
		expect(answerOutsideBase('/blog/2019/enable-aws-mfa/', '/security/', redirects)).toEqual({
			status: 301,
			location: '/security/guides/turn-on-mfa-aws/',
		});
	});

	it('finds no second copy of a page outside the base', () => {
		expect(answerOutsideBase('/guides/turn-on-mfa-aws/', '/security/', redirects)).toEqual({ status: 404 });
	});

	it('leaves requests under the base, and every request of a site at the root, to the site', () => {
		expect(answerOutsideBase('/security/guides/x/', '/security/', redirects)).toBeNull();
		expect(answerOutsideBase('/security', '/security/', redirects)).toBeNull();
		expect(answerOutsideBase('/guides/x/', '/', redirects)).toBeNull();
	});
});
