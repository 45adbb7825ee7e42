/**
 * Security guides are full of identifiers: condition keys (`aws:MultiFactorAuthPresent`),
 * API actions (`iam:ListMFADevices`), CLI commands and flags (`get-session-token`,
 * `--serial-number`), config settings (`mfa_serial`) and control ids (`IAM.6`). Pagefind
 * indexes such a token as one word with its punctuation dropped (`awsmultifactorauthpresent`),
 * so a reader who types only a part of it, or another spelling of it, finds nothing. These
 * functions list the other forms a reader may type, which the index gets as hidden words.
 */

/**
 * Brackets around the added forms in the indexed text. Pagefind drops them from the words
 * it indexes but keeps them in the text it returns, so excerpts can leave the forms out.
 */
export const FORMS_START = '⟦';
export const FORMS_END = '⟧';
/**
 * Opens a guide's hidden search words (keywords, synonyms, former titles, tags), which end
 * with FORMS_END too: excerpts leave them out like the forms, and they choose the guide, not
 * the section (src/components/GuideSearchData.astro).
 */
export const SEARCH_WORDS_START = '⟪';

/** Characters that separate the parts of an identifier. */
const SEPARATORS = /[:._/-]+/;

/** A token with a separator between letters or digits, or a capital inside a word (camel case). */
const IDENTIFIER = /[\p{L}\p{N}][:._/-]+[\p{L}\p{N}]|\p{Ll}\p{Lu}|\p{Lu}\p{Lu}\p{Ll}/u;

/** Words as a reader splits a camel-case name: `ListMFADevices` → List, MFA, Devices. */
export function camelWords(word: string): string[] {
	return word
		.replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, '$1 $2')
		.replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
		.split(' ')
		.filter(Boolean);
}

/**
 * The tokens of a text that are identifiers, as written. Quotes, brackets and sentence
 * punctuation around them are not part of them; links and plain hyphenated words
 * (`sign-in`, which Pagefind already splits at the hyphen) are not identifiers.
 */
export function identifiersIn(text: string): string[] {
	const found = new Set<string>();
	for (const raw of text.split(/[\s"'`()[\]{}<>,;=|*]+/)) {
		const token = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
		if (!token || /\/\/|@/.test(token) || !IDENTIFIER.test(token)) continue;
		// Lower-case words joined by hyphens only: Pagefind indexes each part and the whole.
		if (/^[\p{Ll}\p{N}]+(-[\p{Ll}\p{N}]+)+$/u.test(token)) continue;
		found.add(token);
	}
	return [...found];
}

/**
 * The forms of one identifier a reader may search for, other than the identifier itself:
 * each part between `:` `.` `/` (`MultiFactorAuthPresent`), the whole without separators
 * (`mfaserial`), and its words (`multi factor auth present`, `list mfa devices`).
 * Lower case, because Pagefind matches without case.
 */
export function identifierForms(identifier: string): { parts: string[]; words: string[] } {
	const segments = identifier.split(/[:./]+/).filter(Boolean);
	const words = segments.flatMap((segment) => segment.split(SEPARATORS).flatMap(camelWords)).map((w) => w.toLowerCase());
	const parts = new Set<string>();
	if (segments.length > 1) for (const segment of segments) parts.add(segment.toLowerCase());
	for (const segment of segments) {
		const pieces = segment.split(/[_-]+/).filter(Boolean);
		if (pieces.length > 1) parts.add(pieces.join('').toLowerCase());
		if (camelWords(segment).length > 1) parts.add(segment.replace(/[_-]+/g, '').toLowerCase());
	}
	parts.delete(identifier.toLowerCase());
	return {
		parts: [...parts].filter((part) => part.length > 1),
		words: words.length > 1 ? words.filter((w) => w.length > 1) : [],
	};
}
