import { describe, expect, it } from 'vitest';
import { daysSince, REVIEW_MAX_AGE_DAYS, staleReviewWarning } from '../../src/lib/content/review';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('stale reviews', () => {
	it('counts whole calendar days, whatever the time of day', () => {
		expect(daysSince(day('2026-06-01'), new Date('2026-06-02T23:59:00Z'))).toBe(1);
		expect(daysSince(day('2025-12-01'), day('2026-12-01'))).toBe(365);
	});

	it(`warns only past ${REVIEW_MAX_AGE_DAYS} days, naming the file, the day, the age and what to do`, () => {
		const today = day('2026-12-01');
		expect(staleReviewWarning('a/index.mdx', day('2026-06-04'), today)).toBeNull();
		expect(staleReviewWarning('a/index.mdx', day('2026-06-03'), today)).toBe(
			"a/index.mdx: reviewed 2026-06-03, 181 days ago (more than 180). Check its facts, commands and policies against AWS's documentation, then set reviewed: 2026-12-01.",
		);
	});

	it('asks for a first review of a guide without a review day (an imported post)', () => {
		expect(staleReviewWarning('a/index.mdx', undefined, day('2026-12-01'))).toBe(
			"a/index.mdx: not yet checked against AWS's documentation (no reviewed date). Check its facts, commands and policies, end it with a ## Sources list of the pages you checked, then set reviewed: 2026-12-01.",
		);
	});
});
