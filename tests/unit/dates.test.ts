import { describe, expect, it } from 'vitest';
import { parseGuideDate } from '../../src/lib/content/dates';

describe('guide dates', () => {
	it.each([
		['2019-09-12', '2019-09-12'],
		[new Date('2019-09-12T00:00:00Z'), '2019-09-12'],
		['2024-02-29', '2024-02-29'],
	])('accepts %s as %s', (input, iso) => {
		const result = parseGuideDate(input);
		expect(result.ok && result.iso).toBe(iso);
	});

	it('refuses an ambiguous day and shows both readings', () => {
		const result = parseGuideDate('09-12-2019');
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toContain('2019-09-12 (month first)');
		expect(!result.ok && result.message).toContain('2019-12-09 (day first)');
	});

	it('names the only possible reading when one order is impossible', () => {
		const result = parseGuideDate('25-12-2019');
		expect(!result.ok && result.message).toContain('can only mean 2019-12-25');
	});

	it('refuses days that do not exist', () => {
		expect(parseGuideDate('2019-02-30').ok).toBe(false);
		expect(parseGuideDate('31-31-2019').ok).toBe(false);
	});

	it('reads a dd-dd-yyyy day in the order it is told, and says so when it had to read it the other way', () => {
		const mdy = parseGuideDate('09-12-2019', 'mdy');
		const dmy = parseGuideDate('09-12-2019', 'dmy');
		expect(mdy.ok && mdy.iso).toBe('2019-09-12');
		expect(dmy.ok && dmy.iso).toBe('2019-12-09');
		const flipped = parseGuideDate('25-12-2019', 'mdy');
		expect(flipped.ok && flipped.iso).toBe('2019-12-25');
		expect(flipped.ok && flipped.note).toMatch(/cannot be month-day-year/);
	});

	it('refuses missing and non-date values with the expected format', () => {
		expect(!parseGuideDate(undefined).ok && (parseGuideDate(undefined) as { message: string }).message).toMatch(/YYYY-MM-DD/);
		expect(parseGuideDate('September 12, 2019').ok).toBe(false);
	});
});
