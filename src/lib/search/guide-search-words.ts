import { z } from 'astro/zod';

/**
 * The words readers type for a guide that its text may not use: the author's `keywords`,
 * and the site-wide synonyms (`search.synonyms` in src/site.config.mjs) of words the guide's
 * title, description, tags or keywords use. Both are indexed as hidden, weighted text, so
 * Pagefind's own ranking does the rest (no second index).
 */

/** Each group is words and phrases that mean the same to a reader: ["mfa", "2fa", "two-factor"]. */
const synonymGroupsSchema = z.array(z.array(z.string().trim().toLowerCase().min(1)).min(2)).max(200);
export type SynonymGroups = z.infer<typeof synonymGroupsSchema>;

/** Validated synonym groups, or an error naming the setting and what to fix. */
export function parseSynonyms(value: unknown, source: string): SynonymGroups {
	const result = synonymGroupsSchema.safeParse(value ?? []);
	if (result.success) return result.data;
	const problems = result.error.issues.map((issue) => `${['search', 'synonyms', ...issue.path].join('.')}: ${issue.message}`);
	throw new Error(
		`${source}: search.synonyms must be a list of groups of at least two words or phrases that mean the same, such as ` +
			`[["mfa", "2fa", "two-factor"]]. ${problems.join('; ')}.`,
	);
}

interface GuideSubject {
	title: string;
	description: string;
	tags: readonly string[];
	keywords: readonly string[];
}

/** Lower-case words of a text, with tags' dashes read as spaces, padded so phrases match on word edges. */
function wordText(text: string): string {
	return ` ${text
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean)
		.join(' ')} `;
}

/** The site's synonyms of the words the guide's subject uses, without those it uses already. */
export function synonymsFor(subject: GuideSubject, groups: SynonymGroups): string[] {
	const text = wordText([subject.title, subject.description, ...subject.tags, ...subject.keywords].join(' '));
	const found = new Set<string>();
	for (const group of groups) {
		if (!group.some((term) => text.includes(wordText(term)))) continue;
		for (const term of group) if (!text.includes(wordText(term))) found.add(term);
	}
	return [...found];
}
