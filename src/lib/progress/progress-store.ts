/** Progress through a guide's steps, stored per guide as a list of finished step numbers. */

export function progressKey(guideId: string): string {
	return `stepcheck:progress:${guideId}`;
}

/** Reads finished steps, ignoring anything that is not a step of this guide (a guide may have lost steps). */
export function readProgress(storage: Pick<Storage, 'getItem'>, key: string, stepCount: number): Set<number> {
	try {
		const raw: unknown = JSON.parse(storage.getItem(key) ?? '[]');
		if (!Array.isArray(raw)) return new Set();
		return new Set(raw.filter((n): n is number => Number.isInteger(n) && n >= 1 && n <= stepCount));
	} catch {
		return new Set();
	}
}

export function writeProgress(storage: Pick<Storage, 'setItem' | 'removeItem'>, key: string, done: Set<number>): void {
	try {
		if (done.size === 0) storage.removeItem(key);
		else storage.setItem(key, JSON.stringify([...done].sort((a, b) => a - b)));
	} catch {
		// Storage full or blocked: progress lasts for this visit only.
	}
}
