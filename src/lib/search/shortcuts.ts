/** The keys that open search from anywhere on a page. */

export interface KeyPress {
	key: string;
	ctrlKey: boolean;
	metaKey: boolean;
	altKey: boolean;
	/** True when the reader is typing in a field, where "/" must stay a slash. */
	inEditableField: boolean;
}

export function opensSearch(press: KeyPress): boolean {
	if (press.altKey) return false;
	if ((press.ctrlKey || press.metaKey) && press.key.toLowerCase() === 'k') return true;
	return press.key === '/' && !press.ctrlKey && !press.metaKey && !press.inEditableField;
}
