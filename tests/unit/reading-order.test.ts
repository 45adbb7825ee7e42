import { describe, expect, it } from 'vitest';
import { neighbours, readingMinutes, visibleGuides } from '../../src/lib/guides/reading-order';
import { groupByTopic } from '../../src/lib/guides/topics';
import { progressKey, readProgress, writeProgress } from '../../src/lib/progress/progress-store';

const guide = (id: string, order: number, extra: Partial<{ draft: boolean; published: string; topic: string }> = {}) => ({
	id,
	data: {
		title: id,
		order,
		draft: extra.draft ?? false,
		published: new Date(extra.published ?? '2024-01-01'),
		topic: (extra.topic ?? 'sign-in') as 'sign-in',
	},
});

describe('reading order', () => {
	it('orders by order, then date, and hides drafts from builds', () => {
		const guides = [guide('c', 2), guide('b', 1, { published: '2025-01-01' }), guide('a', 1), guide('d', 0, { draft: true })];
		expect(visibleGuides(guides, false).map((g) => g.id)).toEqual(['a', 'b', 'c']);
		expect(visibleGuides(guides, true).map((g) => g.id)).toEqual(['d', 'a', 'b', 'c']);
	});

	it('finds the previous and next guide', () => {
		const guides = [guide('a', 1), guide('b', 2), guide('c', 3)];
		expect(neighbours(guides, 'b')).toMatchObject({ previous: { id: 'a' }, next: { id: 'c' } });
		expect(neighbours(guides, 'a').previous).toBeUndefined();
	});

	it('estimates reading time from prose, not markup', () => {
		const words = Array.from({ length: 400 }, () => 'word').join(' ');
		expect(readingMinutes(`import x from './x.png';\n<Steps>\n${words}\n</Steps>`)).toBe(2);
		expect(readingMinutes('')).toBe(1);
	});

	it('groups guides by topic in the fixed topic order', () => {
		const groups = groupByTopic([guide('x', 1, { topic: 'audit' }), guide('y', 1)] as never);
		expect(groups.map((g) => g.topic)).toEqual(['sign-in', 'audit']);
	});
});

describe('progress store', () => {
	const memory = () => {
		const data = new Map<string, string>();
		return {
			getItem: (k: string) => data.get(k) ?? null,
			setItem: (k: string, v: string) => void data.set(k, v),
			removeItem: (k: string) => void data.delete(k),
			data,
		};
	};

	it('round-trips finished steps per guide and forgets them on reset', () => {
		const storage = memory();
		const key = progressKey('turn-on-mfa-aws');
		writeProgress(storage, key, new Set([3, 1]));
		expect(storage.data.get('stepcheck:progress:turn-on-mfa-aws')).toBe('[1,3]');
		expect([...readProgress(storage, key, 10)]).toEqual([1, 3]);
		writeProgress(storage, key, new Set());
		expect(storage.data.has(key)).toBe(false);
	});

	it('ignores corrupt data and steps the guide no longer has', () => {
		const storage = memory();
		storage.setItem('k', '{oops');
		expect(readProgress(storage, 'k', 5).size).toBe(0);
		storage.setItem('k', '[1, 9, "2", 2.5]');
		expect([...readProgress(storage, 'k', 5)]).toEqual([1]);
	});
});
