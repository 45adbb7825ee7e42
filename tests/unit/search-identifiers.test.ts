import { describe, expect, it } from 'vitest';
import { camelWords, identifierForms, identifiersIn } from '../../src/lib/search/identifier-forms';
import { indexedWords, withIdentifierForms } from '../../src/lib/search/indexed-html';
import { visibleExcerpt, writtenExcerpt } from '../../src/lib/search/result-options';

describe('identifiers in text', () => {
	it('finds condition keys, actions, CLI commands and flags, settings and control ids as written', () => {
		const text =
			'Add "aws:MultiFactorAuthPresent": "true", allow iam:ListMFADevices, run `aws sts get-session-token --serial-number arn:aws:iam::123456789012:mfa/alice`; set mfa_serial, read mfa_active, see IAM.6 and AssumeRoot.';
		expect(identifiersIn(text)).toEqual([
			'aws:MultiFactorAuthPresent',
			'iam:ListMFADevices',
			'arn:aws:iam::123456789012:mfa/alice',
			'mfa_serial',
			'mfa_active',
			'IAM.6',
			'AssumeRoot',
		]);
	});

	it('leaves out plain words, hyphenated words (Pagefind splits those itself), links and e-mail addresses', () => {
		expect(
			identifiersIn('Sign in with multi-factor sign-in at https://console.aws.amazon.com/iam or mail aws-root@example.com. Done.'),
		).toEqual([]);
	});

	it.each([
		['MultiFactorAuthPresent', ['Multi', 'Factor', 'Auth', 'Present']],
		['ListMFADevices', ['List', 'MFA', 'Devices']],
		['GetSessionToken', ['Get', 'Session', 'Token']],
		['IAM', ['IAM']],
		['mfa', ['mfa']],
	])('splits %s at its capitals', (word, words) => {
		expect(camelWords(word)).toEqual(words);
	});
});

describe('the other forms of an identifier', () => {
	it.each([
		['aws:MultiFactorAuthPresent', ['aws', 'multifactorauthpresent'], ['aws', 'multi', 'factor', 'auth', 'present']],
		['iam:ListMFADevices', ['iam', 'listmfadevices'], ['iam', 'list', 'mfa', 'devices']],
		['GetSessionToken', [], ['get', 'session', 'token']],
		['mfa_serial', ['mfaserial'], ['mfa', 'serial']],
		['IAM.6', ['iam'], ['iam']],
		['sts:AssumeRoot', ['sts', 'assumeroot'], ['sts', 'assume', 'root']],
	])('%s is also found as its parts %j and its words %j', (identifier, parts, words) => {
		expect(identifierForms(identifier)).toEqual({ parts, words });
	});
});

describe('the HTML Pagefind indexes', () => {
	const page = (body: string) => `<html><body><main data-pagefind-body>${body}</main></body></html>`;

	it('adds the forms after the block that uses the identifier, never inside a heading', () => {
		const html = withIdentifierForms(page('<h2 id="keys">The aws:MultiFactorAuthPresent key</h2><p>Plain words.</p>'));
		expect(html).toContain('<h2 id="keys">The aws:MultiFactorAuthPresent key</h2><span data-stepcheck-forms="">');
		expect(html).toContain('<span data-pagefind-weight="1"> ⟦aws multifactorauthpresent⟧ </span>');
		// Only the words the parts lack: "aws" is stored once.
		expect(html).toContain('<span data-pagefind-weight="0.5"> ⟦multi factor auth present⟧ </span>');
		expect(html).toMatch(/<p>Plain words\.<\/p><\/main>/);
	});

	it('keeps a step’s forms inside its list item, after the paragraph that names the identifier', () => {
		const html = withIdentifierForms(
			page('<ol><li id="step-5"><p>Set <code>mfa_serial</code>.</p><pre><code>aws sts get-session-token</code></pre></li></ol>'),
		);
		expect(html).toMatch(/<li id="step-5"><p>Set <code>mfa_serial<\/code>\.<\/p><span data-stepcheck-forms="">.*mfaserial.*<\/span><pre>/);
	});

	it('adds nothing to a page without identifiers, or inside what Pagefind ignores', () => {
		const body = '<p>Turn on MFA.</p><div data-pagefind-ignore><p>aws:MultiFactorAuthPresent</p></div>';
		expect(withIdentifierForms(page(body))).not.toContain('data-stepcheck-forms');
	});

	it('leaves a guide’s Related guides and Sources out of the index and the vocabulary, up to the next section', () => {
		const html = withIdentifierForms(
			page(
				'<h2 id="check">Check</h2><p>Run the report.</p><h2 id="related-guides">Related guides</h2><ul><li>Protect the root user</li></ul>' +
					'<h2 id="sources">Sources</h2><ul><li>Enabling a virtual MFA device</li></ul><h2 id="after">After</h2><p>Rotate keys.</p>',
			),
		);
		expect(html).toContain('<h2 id="related-guides" data-pagefind-ignore="all">Related guides</h2><ul data-pagefind-ignore="all">');
		expect(html).toContain('<h2 id="sources" data-pagefind-ignore="all">Sources</h2><ul data-pagefind-ignore="all">');
		expect(html).toContain('<h2 id="after">After</h2><p>Rotate keys.</p>');
		expect(indexedWords(html)).toEqual(['check', 'run', 'the', 'report', 'after', 'rotate', 'keys']);
	});

	it('reads the words of the indexed body only, for the spelling vocabulary', () => {
		const html = `<html><head><title>Head words</title></head><body><nav>Menu</nav><main data-pagefind-body><p>Scan the QR code &amp; resync.</p><script>var ignored = 1</script></main></body></html>`;
		expect(indexedWords(html)).toEqual(['scan', 'the', 'code', 'resync']);
	});
});

describe('excerpts of sections matched through the added forms', () => {
	const content =
		'Allow the key. "aws:MultiFactorAuthPresent": "true" ⟦aws multifactorauthpresent⟧ ⟦aws multi factor auth present⟧ Then save.';
	// words: 0 Allow 1 the 2 key. 3 "aws:MultiFactorAuthPresent": 4 "true" 5 ⟦aws 6 multifactorauthpresent⟧ 7 ⟦aws ...

	it('shows the identifier as written, marked, and leaves the forms out', () => {
		const html = writtenExcerpt(content, [6], 'MultiFactorAuthPresent');
		expect(html).toBe('Allow the key. <mark>&#34;aws:MultiFactorAuthPresent&#34;:</mark> &#34;true&#34; Then save.');
	});

	it('cuts the forms out of Pagefind’s own excerpt, even when it starts or ends inside them, and marks written tokens', () => {
		const parts = [
			{ text: 'present⟧ Then the ', marked: false },
			{ text: 'key', marked: true },
			{ text: ' aws:MultiFactorAuthPresent ⟦aws multi', marked: false },
		];
		expect(visibleExcerpt(parts, 'auth present')).toEqual([
			{ text: 'Then the ', marked: false },
			{ text: 'key', marked: true },
			{ text: ' ', marked: false },
			{ text: 'aws:MultiFactorAuthPresent', marked: true },
			{ text: ' ', marked: false },
		]);
	});
});
