import type { CheckResultBase } from '../checks/result-schema';

/**
 * What the checkup knows about each check. The page builds this list from the registry at
 * build time and hands it to the browser as JSON, so the browser never loads a check's code.
 */
export interface CheckupCheck {
	id: string;
	title: string;
	/** The guide (content id) the check belongs to, its title, and the steps it verifies. */
	guide: string;
	guideTitle: string;
	steps: number[];
	method: 'GET' | 'POST';
	/**
	 * Asks AWS to do work for the whole account (generate the credential report): run only
	 * when the reader opts in. Every such check is a POST, so the method says it.
	 */
	accountWide: boolean;
}

export type Verdict = CheckResultBase['verdict'];
export type CheckIdentity = NonNullable<CheckResultBase['identity']>;

interface RegistryEntry {
	id: string;
	title: string;
	guide: string;
	steps: number[];
	method: 'GET' | 'POST';
}

/**
 * The catalog, in registry order. A check whose guide is not published (a build of other
 * content, a draft) is left out: the checkup could not link the step that fixes its finding.
 */
export function checkupCatalog(checks: readonly RegistryEntry[], guideTitles: ReadonlyMap<string, string>): CheckupCheck[] {
	return checks.flatMap((check) => {
		const guideTitle = guideTitles.get(check.guide);
		if (!guideTitle) return [];
		return [
			{
				id: check.id,
				title: check.title,
				guide: check.guide,
				guideTitle,
				steps: [...check.steps],
				method: check.method,
				accountWide: check.method === 'POST',
			},
		];
	});
}
