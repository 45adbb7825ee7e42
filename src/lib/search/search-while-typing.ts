/**
 * One search of the dialog, started by every change of the query while the reader types.
 * Searching the index costs nothing once its chunks are in, so a search never waits for the
 * reader to stop typing unless it would download something a few more keys could make
 * useless: the index chunks of a word of one or two letters (every word it begins, spread over
 * many chunks), or the data of guides not loaded yet. A newer search takes over at every
 * step, so an older one never shows its results over a newer one's.
 */

/** A word still this short begins too many words: its index chunks wait for the reader to pause. */
const SHORT_WORD = 3;
/** The reader has stopped typing a short word: people leave 100 to 300 ms between keys. */
export const SHORT_WORD_PAUSE_MS = 120;
/**
 * Guides' data (about 3.5 kB each) for words still being typed is wasted when the next key
 * changes the best guides; a key comes less than this after the last one only in a burst.
 */
export const LOAD_PAUSE_MS = 40;

export interface SearchClock {
	now: () => number;
	sleep: (ms: number) => Promise<void>;
}

export interface SearchSteps<Found> {
	/** Searches the index (loading the chunks the words need); null when there is no answer. */
	find: () => Promise<Found | null>;
	/** Whether everything the first results show is loaded already, so showing them downloads nothing. */
	loaded: (found: Found) => boolean;
	/** Loads what is missing and shows the results; it checks `current` again after each download. */
	show: (found: Found) => Promise<void>;
	/** False once a newer search has started: this one stops at its next step. */
	current: () => boolean;
}

/** The last word of a query as it is being typed ("root u" → "u"). */
function lastWord(query: string): string {
	return query.trimEnd().split(/[\s]+/).at(-1) ?? '';
}

/**
 * Runs one search. `typedAt` is when the reader's last key changed the query (clock time);
 * null for a search the reader asked for at once (a suggestion or a tag clicked), which never
 * waits. Resolves to whether the results were shown.
 */
export async function searchWhileTyping<Found>(
	query: string,
	typedAt: number | null,
	steps: SearchSteps<Found>,
	clock: SearchClock,
): Promise<boolean> {
	const pause = async (ms: number) => {
		if (typedAt === null) return true;
		const left = typedAt + ms - clock.now();
		if (left > 0) await clock.sleep(left);
		return steps.current();
	};
	if (lastWord(query).length < SHORT_WORD && !(await pause(SHORT_WORD_PAUSE_MS))) return false;
	const found = await steps.find();
	if (found === null || !steps.current()) return false;
	if (!steps.loaded(found) && !(await pause(LOAD_PAUSE_MS))) return false;
	await steps.show(found);
	return steps.current();
}
