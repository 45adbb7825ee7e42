import { z } from 'astro/zod';

/**
 * Reads IAM policy documents for a `Deny` that applies when `aws:MultiFactorAuthPresent` is
 * false: the fallback of the MFA-policy check when the policy simulator is not allowed.
 * `BoolIfExists` also catches requests signed with long-term access keys, where the key is
 * absent; `Bool` does not, so it only half-works.
 */
export interface PolicySource {
	/** Where the document came from, e.g. `group mfa-test, attached policy RequireMFA`. */
	source: string;
	/** The document as IAM returns it (URL-encoded JSON) or already decoded. */
	document: string;
}

export const mfaDenySchema = z.object({ source: z.string(), sid: z.string().nullable(), operator: z.enum(['BoolIfExists', 'Bool']) });
export type MfaDeny = z.infer<typeof mfaDenySchema>;

const MFA_KEY = 'aws:multifactorauthpresent';

function parseDocument(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return JSON.parse(decodeURIComponent(text));
	}
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const isFalse = (value: unknown) => asArray(value as unknown).some((item) => String(item).toLowerCase() === 'false');

/** Every Deny statement conditioned on MFA being absent, with the operator it uses. */
export function findMfaDenies(sources: readonly PolicySource[]): MfaDeny[] {
	const found: MfaDeny[] = [];
	for (const { source, document } of sources) {
		let parsed: unknown;
		try {
			parsed = parseDocument(document);
		} catch {
			continue;
		}
		const statements = asArray(
			(parsed as { Statement?: unknown })?.Statement as Record<string, unknown> | Record<string, unknown>[] | undefined,
		);
		for (const statement of statements) {
			if (statement?.Effect !== 'Deny' || typeof statement.Condition !== 'object' || statement.Condition === null) continue;
			for (const [operator, block] of Object.entries(statement.Condition as Record<string, Record<string, unknown>>)) {
				if (operator !== 'BoolIfExists' && operator !== 'Bool') continue;
				const entry = Object.entries(block ?? {}).find(([key]) => key.toLowerCase() === MFA_KEY);
				if (entry && isFalse(entry[1])) found.push({ source, sid: typeof statement.Sid === 'string' ? statement.Sid : null, operator });
			}
		}
	}
	return found;
}
