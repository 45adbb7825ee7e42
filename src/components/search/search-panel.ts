/**
 * The search dialog, loaded on first open. It follows the ARIA combobox pattern: focus
 * stays in the input, arrows move `aria-activedescendant` through the listbox, Enter
 * opens the active result, Esc closes and gives focus back to where it was.
 */
import { normaliseBase, pagefindScriptUrl, searchPageUrl } from '../../lib/site/base-path';
import type { PagefindModule, PagefindResult, PagefindResultData } from '../../lib/search/pagefind-api';
import {
	literalOf,
	noResultsHelp,
	optionsForGuide,
	rankGuides,
	resultCountMessage,
	visibleExcerpt,
	withoutRepeatedExcerpts,
	type ResultOption,
} from '../../lib/search/result-options';
import { queryTerms } from '../../lib/search/search-request';
import { byWordsTogether, contentTerms, coversNothing, pagefindQuery, pagesMatchingMost, unknownWords } from '../../lib/search/query-words';
import { siteIndexUrl, skippedSiteNote } from '../../lib/search/search-sites';
import { searchWhileTyping, type SearchClock } from '../../lib/search/search-while-typing';
import type { SearchSite } from '../../lib/search/search-sites-schema';

/**
 * Each guide shown costs its Pagefind fragment (about 3.5 kB), so the first answer loads the
 * best two (up to six places, more than a phone shows); the arrow keys past the last result,
 * or "More results", bring in the next few. An identifier is ranked by how each guide spells
 * it (see literalOf), which needs every candidate's text, so it loads more at once.
 */
const GUIDES_FIRST = 2;
/**
 * A sentence of three or more words finds more guides holding them all close together, and
 * only their sections tell them apart (rankGuides), so more are compared.
 */
const GUIDES_FOR_SENTENCE = 5;
const GUIDES_PER_BATCH = 3;
const GUIDES_FOR_IDENTIFIER = 8;
/** Another site that has not answered by then is left out, so it never holds up this one's results. */
const SITE_TIMEOUT_MS = 3000;

interface OpenRequest {
	/** Null when search was already open, so the first place the reader came from is kept. */
	returnFocusTo: HTMLElement | null;
}

interface Panel {
	dialog: HTMLDialogElement;
	input: HTMLInputElement;
	tags: HTMLElement;
	/** The one control the tag chips fold into, with the number of chips turned on. */
	filters: HTMLDetailsElement;
	filterCount: HTMLElement;
	status: HTMLElement;
	list: HTMLElement;
	empty: HTMLElement;
	more: HTMLButtonElement;
	spelling: HTMLElement;
	notes: HTMLElement;
	/** Other sites searched as well (`search.sites`), from the page. */
	sites: SearchSite[];
	options: ResultOption[];
	/** Pagefind's matches for the current search; `shown` of them have their options listed. */
	results: PagefindResult[];
	shown: number;
	query: string;
	active: number;
	activeTags: Set<string>;
	tagCounts: Record<string, number>;
	returnFocusTo: HTMLElement | null;
	searchNumber: number;
	/** The tag chips, loaded once; no-results suggestions wait for them. */
	tagsLoaded: Promise<void> | undefined;
}

let panel: Panel | undefined;
let pagefind: Promise<PagefindModule> | undefined;
const base = normaliseBase(import.meta.env.BASE_URL);

function loadPagefind(): Promise<PagefindModule> {
	pagefind ??= (async () => {
		// A runtime URL, so the bundler leaves it alone and the index from the last build is used.
		const module = (await import(/* @vite-ignore */ pagefindScriptUrl(base))) as PagefindModule;
		// Pagefind indexed the built files at the site root; results must carry the base path.
		await module.options({ baseUrl: base, excerptLength: 22, noWorker: true });
		await module.init();
		return module;
	})();
	pagefind.catch(() => (pagefind = undefined));
	return pagefind;
}

function unavailableMessage(): string {
	return import.meta.env.DEV
		? 'There is no search index yet. In development, search uses the index of the last build: run “npm run build” once, then search again.'
		: 'Search could not load. Check your connection and try again.';
}

function setup(root: HTMLElement): Panel {
	const pick = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
	const p: Panel = {
		dialog: pick<HTMLDialogElement>('[data-search-dialog]'),
		input: pick<HTMLInputElement>('[data-search-input]'),
		tags: pick('[data-search-tags]'),
		filters: pick<HTMLDetailsElement>('[data-search-filters]'),
		filterCount: pick('[data-search-filter-count]'),
		status: pick('[data-search-status]'),
		list: pick('[data-search-results]'),
		empty: pick('[data-search-empty]'),
		more: pick<HTMLButtonElement>('[data-search-more]'),
		spelling: pick('[data-search-spelling]'),
		notes: pick('[data-search-notes]'),
		sites: JSON.parse(root.dataset.searchSites ?? '[]') as SearchSite[],
		options: [],
		results: [],
		shown: 0,
		query: '',
		active: -1,
		activeTags: new Set(),
		tagCounts: {},
		returnFocusTo: null,
		searchNumber: 0,
		tagsLoaded: undefined,
	};
	p.input.addEventListener('input', () => void runSearch(p, performance.now()));
	p.input.addEventListener('keydown', (event) => onKey(p, event));
	pick('[data-search-close]').addEventListener('click', () => close(p));
	p.more.addEventListener('click', async () => {
		const first = p.options.length;
		p.input.focus();
		if (await showMore(p, p.searchNumber)) setActive(p, first);
	});

	// Esc on a modal dialog fires `cancel`; close our way so focus goes back where it was.
	p.dialog.addEventListener('cancel', (event) => {
		event.preventDefault();
		close(p);
	});
	p.dialog.addEventListener('click', (event) => {
		if (event.target === p.dialog) close(p);
	});
	p.list.addEventListener('click', (event) => {
		const option = (event.target as HTMLElement).closest<HTMLElement>('[role="option"]');
		if (option) go(p, Number(option.dataset.index));
	});
	p.list.addEventListener('mousemove', (event) => {
		const option = (event.target as HTMLElement).closest<HTMLElement>('[role="option"]');
		if (option && Number(option.dataset.index) !== p.active) setActive(p, Number(option.dataset.index));
	});
	p.spelling.addEventListener('click', (event) => {
		const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-suggest]');
		if (!button) return;
		p.input.value = button.dataset.suggest ?? '';
		p.input.focus();
		runSearch(p);
	});
	p.empty.addEventListener('click', (event) => {
		const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-suggest], button[data-clear-tags]');
		if (!button) return;
		if (button.dataset.clearTags !== undefined) {
			p.activeTags.clear();
			syncTagButtons(p);
		} else {
			p.input.value = button.dataset.suggest ?? '';
		}
		p.input.focus();
		runSearch(p);
	});
	return p;
}

export function openSearch(root: HTMLElement, request: OpenRequest): void {
	panel ??= setup(root);
	const p = panel;
	// The launcher has already opened the dialog and put any ?q= words in the box.
	if (!p.dialog.open) p.dialog.showModal();
	if (request.returnFocusTo) p.returnFocusTo = request.returnFocusTo;
	p.input.focus();
	p.tagsLoaded ??= loadPagefind().then((module) => {
		mergeSites(p, module);
		return loadTags(p, module);
	});
	p.tagsLoaded.catch(() => {
		p.tagsLoaded = undefined;
		showUnavailable(p);
	});
	// Like a key typed: the reader may still be typing the words.
	void runSearch(p, performance.now());
}

function close(p: Panel): void {
	p.dialog.close();
	const target = p.returnFocusTo && p.returnFocusTo.isConnected ? p.returnFocusTo : null;
	target?.focus();
}

/**
 * Merges the other sites' indexes (`search.sites`) once this site's search works. Each is
 * asked for its Pagefind entry file first; one that fails or takes too long is left out
 * with a note, and this site's results never wait for it.
 */
async function mergeSites(p: Panel, module: PagefindModule): Promise<void> {
	const sites = p.sites;
	if (!sites.length) return;
	const notes: string[] = [];
	await Promise.all(
		sites.map(async (site) => {
			try {
				const response = await fetch(`${siteIndexUrl(site)}pagefind-entry.json`, { signal: AbortSignal.timeout(SITE_TIMEOUT_MS) });
				if (!response.ok) throw new Error(`it answered ${response.status}`);
				// A site can fail after its entry file answered (or came from the browser's cache).
				await Promise.race([
					module.mergeIndex(siteIndexUrl(site)),
					new Promise((_, reject) => setTimeout(() => reject(new DOMException('merge', 'TimeoutError')), SITE_TIMEOUT_MS)),
				]);
			} catch (error) {
				const reason =
					error instanceof Error && error.name === 'TimeoutError'
						? `it did not answer within ${SITE_TIMEOUT_MS / 1000} s`
						: error instanceof Error && error.message.startsWith('it answered')
							? error.message
							: 'it could not be reached';
				notes.push(skippedSiteNote(site.label, reason));
			}
		}),
	);
	await loadTags(p, module);
	if (p.dialog.open) await runSearch(p);
	p.notes.textContent = notes.join(' ');
	p.notes.hidden = !notes.length;
	// Marks the moment the other sites are in the results (the multi-site tests wait for it).
	p.dialog.dataset.sitesMerged = '';
}

async function loadTags(p: Panel, module: PagefindModule): Promise<void> {
	const filters = await module.filters();
	p.tagCounts = filters.tag ?? {};
	const names = Object.keys(p.tagCounts).sort();
	p.tags.replaceChildren();
	for (const name of names) {
		const button = document.createElement('button');
		button.type = 'button';
		button.dataset.tag = name;
		button.setAttribute('aria-pressed', String(p.activeTags.has(name)));
		button.textContent = name;
		button.addEventListener('click', () => {
			if (p.activeTags.has(name)) p.activeTags.delete(name);
			else p.activeTags.add(name);
			syncTagButtons(p);
			runSearch(p);
		});
		p.tags.append(button);
	}
	p.filters.hidden = names.length === 0;
	syncTagButtons(p);
}

function syncTagButtons(p: Panel): void {
	for (const button of p.tags.querySelectorAll<HTMLButtonElement>('button[data-tag]')) {
		button.setAttribute('aria-pressed', String(p.activeTags.has(button.dataset.tag!)));
	}
	p.filterCount.textContent = p.activeTags.size ? ` (${p.activeTags.size} on)` : '';
}

const clock: SearchClock = {
	now: () => performance.now(),
	sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Guides whose data is loaded (Pagefind keeps it), so showing them again downloads nothing. */
const loadedPages = new Set<string>();

/**
 * Searches for what the box holds. `typedAt` is when the reader's key changed it; a search
 * asked for at once (a suggestion, a tag, other sites merged) passes null and never waits.
 */
async function runSearch(p: Panel, typedAt: number | null = null): Promise<void> {
	const number = ++p.searchNumber;
	const query = p.input.value.trim();
	if (location.pathname.replace(/\/+$/, '/') === searchPageUrl(base, '')) {
		// On the search page the address is the search, so it can be shared as it is.
		history.replaceState(history.state, '', searchPageUrl(base, query));
	}
	if (!query && !p.activeTags.size) {
		render(p, []);
		p.status.textContent = 'Type to search every guide, or choose a tag.';
		return;
	}
	let module: PagefindModule;
	try {
		module = await loadPagefind();
	} catch {
		if (number === p.searchNumber) showUnavailable(p);
		return;
	}
	// Words typed since this search started bring their own search: loading the guides of
	// this one would download data for results nobody sees.
	const current = () => number === p.searchNumber && p.input.value.trim() === query;
	if (!current()) return;
	const filters = p.activeTags.size ? { tag: { any: [...p.activeTags] } } : undefined;
	await searchWhileTyping(
		query,
		typedAt,
		{
			// A merged site that stops answering drops out: Pagefind skips index chunks it cannot fetch, showMore the pages.
			find: () => findPages(module, query, filters),
			loaded: (results) => results.slice(0, batchSize(query, 0)).every((result) => loadedPages.has(result.id)),
			show: (results) => showResults(p, number, query, results),
			current,
		},
		clock,
	);
}

/** Lists the first guides of a search's results, with the count and any spelling suggestion. */
async function showResults(p: Panel, number: number, query: string, results: PagefindResult[]): Promise<void> {
	p.results = results;
	p.shown = 0;
	p.active = -1;
	p.query = query;
	p.options = [];
	// The count is announced once, with the spelling suggestion if there is one.
	const pages = await showMore(p, number, false);
	if (!pages) return;
	if (!p.options.length) await p.tagsLoaded?.catch(() => undefined);
	// The vocabulary (a few kB) loads only when a word is in none of the guides shown.
	const speller = query && (!p.options.length || misspelt(query, pages)) ? await loadSpelling() : null;
	const vocabulary = speller?.vocabulary ?? null;
	const suggested = speller ? speller.suggestSpelling(query, speller.vocabulary) : null;
	// A respelling that still leaves words no guide holds ("kafka consumer log") helps nobody.
	const spelling = suggested && !unknownWords(suggested, vocabulary!).length ? suggested : null;
	if (number !== p.searchNumber) return;
	if (vocabulary && !spelling && coversNothing(query, vocabulary)) {
		// Weak matches on one common word would read as an answer; say plainly there is none.
		p.results = [];
		render(p, []);
		p.status.textContent = `${resultCountMessage(0, 0, query)} No guide covers this yet.`;
		renderNoResults(p, query, null, true);
		return;
	}
	p.status.textContent = resultCountMessage(p.results.length, p.options.length, query);
	if (!p.options.length) renderNoResults(p, query, spelling);
	else if (spelling) {
		const button = document.createElement('button');
		button.type = 'button';
		button.dataset.suggest = spelling;
		button.textContent = spelling;
		p.spelling.replaceChildren('Did you mean ', button, '?');
		p.spelling.hidden = false;
	}
	if (spelling) p.status.textContent += ` Did you mean “${spelling}”?`;
}

/** A word of the query that none of the guides found begins: probably a typing mistake. */
function misspelt(query: string, pages: PagefindResultData[]): boolean {
	const texts = pages.map((page) => page.content.toLowerCase());
	// One scan of each page per word, not an array of every word of every page at every key.
	const begun = (term: string) => {
		const start = new RegExp(`(?:^|[^\\p{L}\\p{N}])${term}`, 'u');
		return texts.some((text) => start.test(text));
	};
	// Letters only, so the word is safe inside the pattern.
	return queryTerms(query).some((term) => term.length > 2 && /^\p{L}+$/u.test(term) && !begun(term));
}

type Speller = Pick<typeof import('../../lib/search/spelling'), 'suggestSpelling'> & { vocabulary: string[] };
let speller: Promise<Speller> | undefined;

/**
 * The guides' words (with their hidden keywords and synonyms) and the code that respells a
 * query from them, loaded once, when first needed: most searches find their words and need neither.
 */
async function loadSpelling(): Promise<Speller> {
	speller ??= import('../../lib/search/spelling').then(async ({ suggestSpelling, VOCABULARY_FILE }) => {
		const response = await fetch(pagefindScriptUrl(base).replace(/pagefind\.js$/, VOCABULARY_FILE)).catch(() => null);
		const vocabulary = response?.ok ? ((await response.json().catch(() => [])) as string[]) : [];
		return { suggestSpelling, vocabulary };
	});
	speller.catch(() => (speller = undefined));
	return speller.catch(() => ({ suggestSpelling: () => null, vocabulary: [] }));
}

/**
 * Pagefind's matches for the query: every word in one guide, as Pagefind answers; when few
 * guides hold them all (a sentence a reader typed), then the guides holding most of them.
 */
async function findPages(
	module: PagefindModule,
	query: string,
	filters: Record<string, { any: string[] }> | undefined,
): Promise<PagefindResult[] | null> {
	const asked = literalOf(query) ? query : pagefindQuery(query);
	const response = await module.search(asked || null, { filters });
	if (!response) return null;
	const terms = contentTerms(query);
	if (terms.length < 2 || literalOf(query)) return response.results;
	// One search per word finds where each word sits (its index chunks are loaded already).
	const perTerm = (await Promise.all(terms.map((term) => module.search(term, { filters })))).map((answer) => answer?.results ?? []);
	const all = byWordsTogether(response.results, perTerm);
	if (all.length >= GUIDES_PER_BATCH) return all;
	// Few guides hold every word: add those holding most of them, after the ones that hold all.
	const found = new Set(all.map((result) => result.id));
	return [...all, ...pagesMatchingMost(perTerm).filter((result) => !found.has(result.id))];
}

/**
 * A result's page data, or null when it cannot be had in time: a merged site that stopped
 * answering after its index chunks were fetched still has results, but not their pages.
 */
async function pageData(result: PagefindResult): Promise<PagefindResultData | null> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		const page = await Promise.race([
			result.data(),
			new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), SITE_TIMEOUT_MS))),
		]);
		loadedPages.add(result.id);
		return page;
	} catch {
		return null;
	} finally {
		clearTimeout(timer);
	}
}

/** How many guides the next batch lists, after `shown` of them. */
function batchSize(query: string, shown: number): number {
	// For a query of several words, findPages put first the guides that hold them close together.
	if (shown) return GUIDES_PER_BATCH;
	if (literalOf(query)) return GUIDES_FOR_IDENTIFIER;
	return contentTerms(query).length > 2 ? GUIDES_FOR_SENTENCE : GUIDES_FIRST;
}

/** Lists the next batch of guides and returns them; null when a newer search has taken over meanwhile. */
async function showMore(p: Panel, number: number, announce = true): Promise<PagefindResultData[] | null> {
	const batch = p.results.slice(p.shown, p.shown + batchSize(p.query, p.shown));
	const loaded = await Promise.all(batch.map(pageData));
	if (number !== p.searchNumber) return null;
	// Results whose pages could not be loaded leave the list and the count.
	const lost = new Set(batch.filter((_, i) => !loaded[i]));
	if (lost.size) p.results = p.results.filter((result) => !lost.has(result));
	p.shown += batch.length - lost.size;
	const pages = loaded.filter((page): page is PagefindResultData => page !== null);
	const ranked = rankGuides(pages, p.query).flatMap((page) => optionsForGuide(page, p.query, p.sites));
	render(p, [...p.options, ...withoutRepeatedExcerpts(p.options, ranked)]);
	p.more.hidden = p.shown >= p.results.length;
	if (announce) p.status.textContent = resultCountMessage(p.results.length, p.options.length, p.query);
	return pages;
}

function showUnavailable(p: Panel): void {
	render(p, []);
	p.status.textContent = unavailableMessage();
}

/** Pagefind's excerpts are escaped text with <mark>; keep exactly that and nothing else. */
function excerptNodes(html: string, query: string): Node[] {
	const template = document.createElement('template');
	template.innerHTML = html;
	const parts = [...template.content.childNodes].map((node) => ({ text: node.textContent ?? '', marked: node.nodeName === 'MARK' }));
	return visibleExcerpt(parts, query).map((part) => {
		if (!part.marked) return document.createTextNode(part.text);
		const mark = document.createElement('mark');
		mark.textContent = part.text;
		return mark;
	});
}

function render(p: Panel, options: ResultOption[]): void {
	const active = p.active;
	p.options = options;
	p.active = -1;
	p.input.removeAttribute('aria-activedescendant');
	p.more.hidden = true;
	p.spelling.hidden = true;
	p.empty.hidden = true;
	p.empty.replaceChildren();
	const items = options.map((option, index) => {
		const item = document.createElement('li');
		item.id = `search-option-${index}`;
		item.setAttribute('role', 'option');
		item.setAttribute('aria-selected', 'false');
		item.dataset.index = String(index);
		item.dataset.target = option.target;
		// Options of one guide follow each other; the guide's name shows once, above the first.
		const previous = options[index - 1];
		if (previous && previous.guideTitle === option.guideTitle && previous.site === option.site) item.classList.add('same-guide');
		const guide = document.createElement('span');
		guide.className = 'result-guide';
		guide.textContent = option.guideTitle;
		if (option.site) {
			const site = document.createElement('span');
			site.className = 'result-site';
			site.textContent = option.site;
			guide.prepend(site, ' ');
		}
		item.append(guide);
		if (option.section) {
			const section = document.createElement('span');
			section.className = 'result-section';
			section.textContent = option.section;
			item.append(section);
		}
		const excerpt = document.createElement('span');
		excerpt.className = 'result-excerpt';
		excerpt.append(...excerptNodes(option.excerptHtml, p.query));
		item.append(excerpt);
		return item;
	});
	p.list.replaceChildren(...items);
	// An empty listbox is hidden, so assistive tech never meets a list with no options.
	p.list.hidden = options.length === 0;
	p.input.setAttribute('aria-expanded', String(options.length > 0));
	// More options appended below keep the reader's place.
	if (active >= 0 && active < options.length && options.length > 0) setActive(p, active);
}

/** Nothing matched: what to try, searches that do find something, and the list of guides. */
function renderNoResults(p: Panel, query: string, spelling: string | null, notCovered = false): void {
	const help = noResultsHelp(query, [...p.activeTags], p.tagCounts, spelling);
	const heading = document.createElement('p');
	heading.textContent = notCovered ? 'No guide covers this yet. You could:' : 'Nothing matched. You could:';
	const hints = document.createElement('ul');
	for (const hint of help.hints) {
		const li = document.createElement('li');
		li.textContent = hint;
		hints.append(li);
	}
	const parts: Node[] = [heading, hints];
	if (p.activeTags.size) {
		const clear = document.createElement('button');
		clear.type = 'button';
		clear.dataset.clearTags = '';
		clear.textContent = 'Clear tag filters';
		parts.push(clear);
	}
	if (help.suggestions.length) {
		const label = document.createElement('p');
		label.textContent = 'Or search for:';
		const list = document.createElement('ul');
		list.className = 'search-suggestions';
		for (const suggestion of help.suggestions) {
			const li = document.createElement('li');
			const button = document.createElement('button');
			button.type = 'button';
			button.dataset.suggest = suggestion;
			button.textContent = suggestion;
			li.append(button);
			list.append(li);
		}
		parts.push(label, list);
	}
	const all = document.createElement('p');
	const link = document.createElement('a');
	link.href = `${base}guides/`;
	link.textContent = 'Browse all guides';
	all.append(link);
	parts.push(all);
	p.empty.replaceChildren(...parts);
	p.empty.hidden = false;
}

function setActive(p: Panel, index: number): void {
	const previous = p.list.querySelector('[aria-selected="true"]');
	previous?.setAttribute('aria-selected', 'false');
	p.active = index;
	const option = p.list.querySelector<HTMLElement>(`#search-option-${index}`);
	if (!option) {
		p.input.removeAttribute('aria-activedescendant');
		return;
	}
	option.setAttribute('aria-selected', 'true');
	p.input.setAttribute('aria-activedescendant', option.id);
	option.scrollIntoView({ block: 'nearest' });
}

function go(p: Panel, index: number): void {
	const option = p.options[index];
	if (!option) return;
	// Close first: a result on this very page only changes the fragment, and the page stays.
	p.dialog.close();
	location.assign(option.href);
}

function onKey(p: Panel, event: KeyboardEvent): void {
	const count = p.options.length;
	switch (event.key) {
		case 'ArrowDown':
			if (!count) return;
			event.preventDefault();
			if (p.active === count - 1 && !p.more.hidden) {
				showMore(p, p.searchNumber).then((current) => current && setActive(p, count));
			} else setActive(p, (p.active + 1) % count);
			break;
		case 'ArrowUp':
			if (!count) return;
			event.preventDefault();
			setActive(p, p.active <= 0 ? count - 1 : p.active - 1);
			break;
		case 'Home':
		case 'End':
			if (!count || !event.ctrlKey) return;
			event.preventDefault();
			setActive(p, event.key === 'Home' ? 0 : count - 1);
			break;
		case 'Enter':
			if (!count) return;
			event.preventDefault();
			// Enter before any arrow opens the best result, the one a reader expects.
			go(p, Math.max(p.active, 0));
			break;
	}
}
