import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	LOAD_PAUSE_MS,
	SHORT_WORD_PAUSE_MS,
	searchWhileTyping,
	type SearchClock,
	type SearchSteps,
} from '../../src/lib/search/search-while-typing';

const clock: SearchClock = {
	now: () => Date.now(),
	sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A reader's search box: each key starts a search, as the dialog does, and newer ones take over. */
function searchBox(options: { loaded?: boolean; findMs?: (query: string) => number } = {}) {
	let latest = 0;
	const log: string[] = [];
	const shown: string[] = [];
	const type = (query: string, typedAt: number | null = Date.now()) => {
		const number = ++latest;
		const steps: SearchSteps<string> = {
			find: async () => {
				log.push(`find ${query} at ${Date.now()}`);
				const ms = options.findMs?.(query) ?? 0;
				if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
				return `results for ${query}`;
			},
			loaded: () => options.loaded ?? false,
			show: async (found) => {
				log.push(`load ${query} at ${Date.now()}`);
				// The panel checks again after its download, as here.
				if (number === latest) shown.push(found);
			},
			current: () => number === latest,
		};
		return searchWhileTyping(query, typedAt, steps, clock);
	};
	return { type, log, shown };
}

describe('searching while the reader types (search-while-typing.ts)', () => {
	beforeEach(() => {
		vi.useFakeTimers({ now: 0 });
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('shows the results at once, with no pause, when the guides they show are loaded already', async () => {
		const box = searchBox({ loaded: true });
		const done = box.type('root user');
		await vi.advanceTimersByTimeAsync(0);
		expect(box.shown).toEqual(['results for root user']);
		await expect(done).resolves.toBe(true);
	});

	it('searches the index at once but waits for a pause in the typing before loading guides not loaded yet', async () => {
		const box = searchBox({ loaded: false });
		void box.type('root user');
		await vi.advanceTimersByTimeAsync(0);
		expect(box.log).toEqual(['find root user at 0']);
		await vi.advanceTimersByTimeAsync(LOAD_PAUSE_MS - 1);
		expect(box.shown).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(box.log).toEqual(['find root user at 0', `load root user at ${LOAD_PAUSE_MS}`]);
		expect(box.shown).toEqual(['results for root user']);
	});

	it('counts the pause from the key, so an index search slower than the pause loads at once', async () => {
		const box = searchBox({ loaded: false, findMs: () => LOAD_PAUSE_MS + 10 });
		void box.type('cloudtrail');
		await vi.advanceTimersByTimeAsync(LOAD_PAUSE_MS + 10);
		expect(box.log).toEqual(['find cloudtrail at 0', `load cloudtrail at ${LOAD_PAUSE_MS + 10}`]);
	});

	it('loads nothing for words a next key replaced during the pause: only the last query loads its guides', async () => {
		const box = searchBox({ loaded: false });
		void box.type('root');
		await vi.advanceTimersByTimeAsync(LOAD_PAUSE_MS / 2);
		void box.type('roots');
		await vi.advanceTimersByTimeAsync(LOAD_PAUSE_MS * 3);
		expect(box.log).toEqual(['find root at 0', `find roots at ${LOAD_PAUSE_MS / 2}`, `load roots at ${LOAD_PAUSE_MS * 1.5}`]);
		expect(box.shown).toEqual(['results for roots']);
	});

	it('waits for the reader to pause before searching a word of one or two letters, which begins too many words', async () => {
		const box = searchBox({ loaded: true });
		void box.type('root u');
		await vi.advanceTimersByTimeAsync(SHORT_WORD_PAUSE_MS - 1);
		expect(box.log).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(box.log).toEqual([`find root u at ${SHORT_WORD_PAUSE_MS}`, `load root u at ${SHORT_WORD_PAUSE_MS}`]);
	});

	it('never searches a short word the next key lengthened before the pause ended', async () => {
		const box = searchBox({ loaded: true });
		void box.type('ro');
		await vi.advanceTimersByTimeAsync(SHORT_WORD_PAUSE_MS - 20);
		void box.type('roo');
		await vi.advanceTimersByTimeAsync(SHORT_WORD_PAUSE_MS);
		expect(box.log).toEqual([`find roo at ${SHORT_WORD_PAUSE_MS - 20}`, `load roo at ${SHORT_WORD_PAUSE_MS - 20}`]);
		expect(box.shown).toEqual(['results for roo']);
	});

	it('never shows an older query’s results over a newer one’s, even when the older index search answers last', async () => {
		const box = searchBox({ loaded: true, findMs: (query) => (query === 'passw' ? 200 : 5) });
		const older = box.type('passw');
		await vi.advanceTimersByTimeAsync(50);
		const newer = box.type('password');
		await vi.advanceTimersByTimeAsync(300);
		expect(box.shown).toEqual(['results for password']);
		// Nor does it download the guides of results nobody will see.
		expect(box.log.filter((line) => line.startsWith('load passw '))).toEqual([]);
		await expect(older).resolves.toBe(false);
		await expect(newer).resolves.toBe(true);
	});

	it('never waits for a search the reader asked for at once (a suggestion or a tag clicked)', async () => {
		const box = searchBox({ loaded: false });
		void box.type('qr', null);
		await vi.advanceTimersByTimeAsync(0);
		expect(box.log).toEqual(['find qr at 0', 'load qr at 0']);
	});
});
