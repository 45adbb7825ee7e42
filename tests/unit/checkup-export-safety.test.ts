import { describe, expect, it } from 'vitest';
import { markdownCell, redactSecrets } from '../../src/lib/checkup/checkup-export';

/** A ticket or a chat renders the export: text from AWS (user names, summaries) must stay text there. */
describe('the Markdown export is safe to paste', () => {
	it.each([
		['a bare https URL', 'see https://evil.example/login now', /https?:\/\//],
		['a bare http URL', 'http://evil.example', /https?:\/\//],
		['a www. address', 'go to www.evil.example', /www\./],
		['an e-mail address (a mailto: autolink)', 'mail alice@evil.example', /\w@\w/],
	])('neutralises %s so GitHub makes no link of it', (_, text, live) => {
		const cell = markdownCell(text);
		expect(cell).not.toMatch(live);
		expect(cell).toMatch(/evil/);
	});

	it('shows bidi overrides and other invisible direction marks instead of passing them through', () => {
		const name = 'alice\u202Egnp.exe\u202C \u2066x\u2069 \u200F';
		const cell = markdownCell(name);
		expect(cell).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
		expect(cell).toContain('U+202E');
	});
});

describe('redaction covers secrets written bare', () => {
	it.each([
		['a bare 40-character secret access key', 'the key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY leaked', 'wJalrXUtnFEMI'],
		['a secret key at the end of a line', 'secret: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'wJalrXUtnFEMI'],
		['a bare session token', `token IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD${'a1B2c3D4'.repeat(20)}= here`, 'IQoJb3JpZ2lu'],
	])('%s', (_, text, secret) => {
		const redacted = redactSecrets(text);
		expect(redacted).not.toContain(secret);
		expect(redacted).toContain('(redacted)');
	});

	it('leaves ARNs, account ids and ordinary words alone', () => {
		for (const text of [
			'arn:aws:iam::123456789012:mfa/alice-phone',
			'The root user is not locked down.',
			'policy RequireMFAForEverythingExceptSignIn',
		]) {
			expect(redactSecrets(text)).toBe(text);
		}
	});
});
