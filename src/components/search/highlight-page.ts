/**
 * Marks the words a reader searched for on the page a result led to. Loaded only when
 * the address carries `?highlight=`, so ordinary page views pay nothing for it.
 */
import { highlightTerms } from '../../lib/search/search-request';
import { highlightPattern } from '../../lib/search/highlight-pattern';

const SKIP = 'script, style, [data-pagefind-ignore], .search-data, mark';

export function highlightFromLocation(): void {
	const pattern = highlightPattern(highlightTerms(location.search));
	const body = document.querySelector('[data-pagefind-body]');
	if (!pattern || !body) return;
	const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
		acceptNode: (node) =>
			node.parentElement?.closest(SKIP) || !node.nodeValue?.trim() ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
	});
	const texts: Text[] = [];
	while (walker.nextNode()) texts.push(walker.currentNode as Text);
	for (const text of texts) {
		const value = text.nodeValue ?? '';
		pattern.lastIndex = 0;
		if (!pattern.test(value)) continue;
		pattern.lastIndex = 0;
		const parts: Node[] = [];
		let last = 0;
		for (const match of value.matchAll(pattern)) {
			const start = match.index + match[1]!.length;
			parts.push(document.createTextNode(value.slice(last, start)));
			const mark = document.createElement('mark');
			mark.className = 'search-hit';
			mark.textContent = match[2]!;
			parts.push(mark);
			last = start + match[2]!.length;
		}
		parts.push(document.createTextNode(value.slice(last)));
		text.replaceWith(...parts);
	}
}
