import { describe, expect, it } from 'vitest';
import {
	CHECK_RESULTS_KEY,
	readCheckResults,
	recordCheckResult,
	stepStatusText,
	timeAgo,
} from '../../src/lib/progress/check-results-store';

function memoryStorage(initial: Record<string, string> = {}) {
	const items = new Map(Object.entries(initial));
	return {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value),
		items,
	};
}

describe('the last result of each check, kept in the browser', () => {
	it('remembers pass, fail and warn with their time, and nothing else from the result', () => {
		const storage = memoryStorage();
		recordCheckResult(storage, { check: 'mfa', verdict: 'fail', checkedAt: '2026-12-01T22:00:00.000Z' });
		recordCheckResult(storage, { check: 'root-user', verdict: 'pass', checkedAt: '2026-12-01T22:01:00.000Z' });
		expect(JSON.parse(storage.items.get(CHECK_RESULTS_KEY)!)).toEqual({
			mfa: { verdict: 'fail', checkedAt: '2026-12-01T22:00:00.000Z' },
			'root-user': { verdict: 'pass', checkedAt: '2026-12-01T22:01:00.000Z' },
		});
	});

	it('keeps the last telling result when a check says unknown or not applicable, and never lets an older result win', () => {
		const storage = memoryStorage();
		recordCheckResult(storage, { check: 'mfa', verdict: 'pass', checkedAt: '2026-12-01T22:05:00.000Z' });
		recordCheckResult(storage, { check: 'mfa', verdict: 'unknown', checkedAt: '2026-12-01T22:06:00.000Z' });
		recordCheckResult(storage, { check: 'mfa', verdict: 'not-applicable', checkedAt: '2026-12-01T22:06:00.000Z' });
		recordCheckResult(storage, { check: 'mfa', verdict: 'fail', checkedAt: '2026-12-01T21:00:00.000Z' });
		expect(readCheckResults(storage)).toEqual({ mfa: { verdict: 'pass', checkedAt: '2026-12-01T22:05:00.000Z' } });
		recordCheckResult(storage, { check: 'mfa', verdict: 'fail', checkedAt: '2026-12-01T22:07:00.000Z' });
		expect(readCheckResults(storage).mfa?.verdict).toBe('fail');
	});

	it('ignores stored values it did not write', () => {
		expect(readCheckResults(memoryStorage({ [CHECK_RESULTS_KEY]: 'not json' }))).toEqual({});
		expect(readCheckResults(memoryStorage({ [CHECK_RESULTS_KEY]: '[1,2]' }))).toEqual({});
		expect(
			readCheckResults(
				memoryStorage({
					[CHECK_RESULTS_KEY]: JSON.stringify({
						mfa: { verdict: 'pass', checkedAt: 'yesterday' },
						'root-user': { verdict: 'great', checkedAt: '2026-12-01T22:00:00.000Z' },
						'cli-mfa': { verdict: 'warn', checkedAt: '2026-12-01T22:00:00.000Z' },
					}),
				}),
			),
		).toEqual({ 'cli-mfa': { verdict: 'warn', checkedAt: '2026-12-01T22:00:00.000Z' } });
	});

	it('survives storage that refuses to write', () => {
		const storage = {
			getItem: () => null,
			setItem: () => {
				throw new DOMException('full', 'QuotaExceededError');
			},
		};
		expect(() => recordCheckResult(storage, { check: 'mfa', verdict: 'pass', checkedAt: '2026-12-01T22:00:00.000Z' })).not.toThrow();
	});
});

describe('what a verified step says', () => {
	const now = new Date('2026-12-01T22:10:00.000Z');
	it.each([
		['2026-12-01T22:09:30.000Z', 'just now'],
		['2026-12-01T22:09:00.000Z', '1 minute ago'],
		['2026-12-01T22:08:00.000Z', '2 minutes ago'],
		['2026-12-01T19:10:00.000Z', '3 hours ago'],
		['2026-11-26T22:10:00.000Z', '5 days ago'],
		['2026-12-01T22:11:00.000Z', 'just now'],
	])('%s is %s', (then, text) => {
		expect(timeAgo(new Date(then), now)).toBe(text);
	});

	it('says Verified, Still failing or Needs a look', () => {
		expect(stepStatusText({ verdict: 'pass', checkedAt: '2026-12-01T22:08:00.000Z' }, now)).toBe('Verified 2 minutes ago');
		expect(stepStatusText({ verdict: 'fail', checkedAt: '2026-12-01T21:10:00.000Z' }, now)).toBe('Still failing (checked 1 hour ago)');
		expect(stepStatusText({ verdict: 'warn', checkedAt: '2026-12-01T22:10:00.000Z' }, now)).toBe('Needs a look (checked just now)');
	});
});
