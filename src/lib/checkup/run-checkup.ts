import type { CheckAnswer, CheckTransport } from '../live/check-transport';
import type { CheckupCheck } from './checkup-catalog';
import { IDENTITY_CHECK, skipReason, type CheckupOptions } from './checkup-plan';

/** One check of a checkup: what it answered, or why it was not asked. */
export interface CheckupEntry {
	check: CheckupCheck;
	answer: CheckAnswer | { kind: 'skipped'; reason: string };
}

/**
 * Runs a checkup through any transport: the identity check first (its identity decides
 * which checks apply), then every other check that applies, side by side. Entries come back
 * in catalog order; `onAnswer` hears each as it lands, for a progress line.
 */
export async function runCheckup(options: {
	catalog: readonly CheckupCheck[];
	transport: CheckTransport<CheckupCheck>;
	settings: CheckupOptions;
	onAnswer?: (entry: CheckupEntry) => void;
}): Promise<CheckupEntry[]> {
	const { catalog, transport, settings, onAnswer } = options;
	const ask = async (check: CheckupCheck): Promise<CheckupEntry> => {
		let answer: CheckAnswer;
		try {
			answer = await transport(check);
		} catch (error) {
			// A transport should answer, not throw; if one does, the row says so instead of the checkup stopping.
			answer = {
				kind: 'unreachable',
				cause: 'unreachable',
				message: error instanceof Error ? error.message : 'The check could not be asked.',
			};
		}
		const entry = { check, answer };
		onAnswer?.(entry);
		return entry;
	};
	const first = catalog.find((check) => check.id === IDENTITY_CHECK);
	const firstEntry = first ? await ask(first) : null;
	const identity = firstEntry?.answer.kind === 'result' ? firstEntry.answer.body.identity : null;
	const rest = await Promise.all(
		catalog
			.filter((check) => check !== first)
			.map((check) => {
				const reason = skipReason(check, identity, settings);
				if (reason === null) return ask(check);
				const entry: CheckupEntry = { check, answer: { kind: 'skipped', reason } };
				onAnswer?.(entry);
				return entry;
			}),
	);
	const byId = new Map([...(firstEntry ? [firstEntry] : []), ...rest].map((entry) => [entry.check.id, entry]));
	return catalog.map((check) => byId.get(check.id)!);
}

const wasRateLimited = (entry: CheckupEntry) =>
	entry.answer.kind === 'rate-limited' || (entry.answer.kind === 'result' && entry.answer.body.couldNotCheck?.cause === 'rate-limited');

/** Asks again only the checks a rate limit refused (the endpoint's or AWS's), keeping every other answer. */
export async function retryRefused(entries: readonly CheckupEntry[], transport: CheckTransport<CheckupCheck>): Promise<CheckupEntry[]> {
	return Promise.all(
		entries.map(async (entry) => {
			if (!wasRateLimited(entry)) return entry;
			try {
				return { check: entry.check, answer: await transport(entry.check) };
			} catch (error) {
				return {
					check: entry.check,
					answer: {
						kind: 'unreachable',
						cause: 'unreachable',
						message: error instanceof Error ? error.message : 'The check could not be asked.',
					},
				};
			}
		}),
	);
}
