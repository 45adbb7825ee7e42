import { describe, expect, it } from 'vitest';
import { sharingTagsOf, stubPage } from '../../src/lib/redirects/host-rules';

describe("old-URL stub pages keep the guide's sharing tags whole", () => {
	it('copies a title and meta tags holding ">" and quotes without cutting them', () => {
		const head = [
			'<head>',
			'<title>Require MFA &gt; everything else</title>',
			'<meta name="description" content="Deny all > allow MFA, then \'test\' it">',
			'<meta property="og:title" content="A > B">',
			"<meta name='twitter:title' content='C > \"D\"'>",
			'</head>',
		].join('\n');
		const tags = sharingTagsOf(head);
		expect(tags).toEqual([
			'<title>Require MFA &gt; everything else</title>',
			'<meta name="description" content="Deny all > allow MFA, then \'test\' it">',
			'<meta property="og:title" content="A > B">',
			"<meta name='twitter:title' content='C > \"D\"'>",
		]);
		const page = stubPage({ to: '/guides/require-mfa-policy/' }, 'https://stepcheck.example/', tags);
		expect(page).not.toMatch(/content="A >\n/);
		expect(page).toContain('<meta property="og:title" content="A > B">');
	});
});
