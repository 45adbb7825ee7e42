/**
 * Guide dates are calendar days written as ISO 8601 (`YYYY-MM-DD`). The old blog wrote
 * some dates as `09-12-2019`, which means two different days depending on the reader's
 * country, so such a value is refused with both readings spelled out instead of guessed.
 */

export type DateOrder = 'mdy' | 'dmy';

export type DateParseResult = { ok: true; date: Date; iso: string; note?: string } | { ok: false; message: string };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DASHED_DAY_FIRST_OR_MONTH_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

/** A UTC date for the calendar day, or null when the day does not exist (2019-02-30). */
function calendarDay(year: number, month: number, day: number): Date | null {
	const date = new Date(Date.UTC(year, month - 1, day));
	const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	return real ? date : null;
}

export function isoDay(date: Date): string {
	return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** Both readings of `a-b-yyyy`, each null where that reading is not a real day. */
function readingsOf(first: number, second: number, year: number) {
	return {
		mdy: calendarDay(year, first, second),
		dmy: calendarDay(year, second, first),
	};
}

/**
 * Reads a front-matter date. YAML turns an unquoted `2019-09-12` into a Date already,
 * so Date values are accepted as the day they fall on in UTC.
 * With `order`, an ambiguous `dd-dd-yyyy` value is read that way (the Hugo importer's
 * `--date-order`); without it the value is refused.
 */
export function parseGuideDate(value: unknown, order?: DateOrder): DateParseResult {
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) return { ok: false, message: 'is not a valid date.' };
		const date = calendarDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
		return { ok: true, date: date!, iso: isoDay(date!) };
	}
	if (typeof value !== 'string' || value.trim() === '') {
		return { ok: false, message: 'is required: write the day as YYYY-MM-DD, for example 2024-05-31.' };
	}
	const text = value.trim();
	const iso = ISO_DAY.exec(text);
	if (iso) {
		const date = calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
		if (!date) return { ok: false, message: `"${text}" is not a day that exists. Write a real day as YYYY-MM-DD.` };
		return { ok: true, date, iso: text };
	}
	const dashed = DASHED_DAY_FIRST_OR_MONTH_FIRST.exec(text);
	if (dashed) {
		const a = Number(dashed[1]);
		const b = Number(dashed[2]);
		const year = Number(dashed[3]);
		const { mdy, dmy } = readingsOf(a, b, year);
		if (order) {
			const chosen = order === 'mdy' ? mdy : dmy;
			if (chosen) return { ok: true, date: chosen, iso: isoDay(chosen) };
			const other = order === 'mdy' ? dmy : mdy;
			if (other) {
				return {
					ok: true,
					date: other,
					iso: isoDay(other),
					note: `"${text}" cannot be ${order === 'mdy' ? 'month-day-year' : 'day-month-year'}, so it was read as ${isoDay(other)}.`,
				};
			}
			return { ok: false, message: `"${text}" is not a real day in either order. Write it as YYYY-MM-DD.` };
		}
		if (mdy && dmy && mdy.getTime() !== dmy.getTime()) {
			return {
				ok: false,
				message:
					`"${text}" is ambiguous: it reads as ${isoDay(mdy)} (month first) or ${isoDay(dmy)} (day first). ` +
					`Write the day you mean as YYYY-MM-DD, for example "${isoDay(mdy)}".`,
			};
		}
		const only = mdy ?? dmy;
		if (only) {
			return {
				ok: false,
				message: `"${text}" is not an ISO date. It can only mean ${isoDay(only)}; write it as "${isoDay(only)}".`,
			};
		}
		return { ok: false, message: `"${text}" is not a real day in either order. Write it as YYYY-MM-DD.` };
	}
	return { ok: false, message: `"${text}" is not an ISO date. Write it as YYYY-MM-DD, for example 2024-05-31.` };
}
