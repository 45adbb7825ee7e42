import { describe, expect, it } from 'vitest';
import { guideSlug, looksLikeId } from '../../src/lib/import/slug';

describe("an imported guide's folder and URL", () => {
	const post = { slug: 'mfa-now', url: '/blog/2019/turn-on-mfa/', title: 'Turn on MFA for your AWS account', name: 'enable-aws-mfa' };

	it('comes from --slug, then the post’s slug, then its url, then its title, in that order', () => {
		expect(guideSlug({ ...post, flag: 'My Guide' })).toEqual({ id: 'my-guide', from: '--slug' });
		expect(guideSlug(post)).toEqual({ id: 'mfa-now', from: "the post's slug" });
		expect(guideSlug({ ...post, slug: undefined })).toEqual({ id: 'turn-on-mfa', from: "the post's url" });
		expect(guideSlug({ ...post, slug: undefined, url: undefined })).toEqual({
			id: 'turn-on-mfa-for-your-aws-account',
			from: "the post's title",
		});
	});

	it('takes the title over a readable file name, and the file name only when there is nothing else', () => {
		expect(guideSlug({ title: 'Rotate your access keys', name: 'rotate-access-keys' }).id).toBe('rotate-your-access-keys');
		expect(guideSlug({ name: 'rotate-access-keys' })).toEqual({
			id: 'rotate-access-keys',
			from: "the post's file name (it has no slug, url or title)",
		});
	});

	it('never comes from a file name that looks like an id an export tool made', () => {
		expect(looksLikeId('000-68966ab1bb4050a5-txt')).toBe(true);
		expect(looksLikeId('2019-03-04')).toBe(true);
		expect(looksLikeId('enable-aws-mfa-2019')).toBe(false);
		expect(guideSlug({ name: '000-68966ab1bb4050a5-txt' })).toEqual({ id: '', from: '' });
	});
});
