import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/lib/checks/registry';
import { checkResultBaseSchema, CHECK_SCHEMA_VERSION } from '../../src/lib/checks/result-schema';

const valid = {
	schemaVersion: CHECK_SCHEMA_VERSION,
	check: 'example',
	identity: null,
	verdict: 'pass',
	summary: 'All good.',
	facts: [],
	advice: [],
	errors: [],
	minimalPolicy: null,
	checkedAt: '2026-12-01T10:00:00.000Z',
};

describe('the result contract', () => {
	it('accepts a minimal body', () => {
		expect(checkResultBaseSchema.parse(valid)).toEqual(valid);
	});

	it('refuses a body without a verdict, naming the field', () => {
		const { verdict: _verdict, ...body } = valid;
		const result = checkResultBaseSchema.safeParse(body);
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('verdict');
	});

	it('refuses another schema version, so a client can tell it reads a different contract', () => {
		expect(checkResultBaseSchema.safeParse({ ...valid, schemaVersion: CHECK_SCHEMA_VERSION + 1 }).success).toBe(false);
	});

	it.each(CHECKS.map((check) => [check.id, check] as const))('%s: its result schema keeps the common fields', (_id, check) => {
		const refused = check.resultSchema.safeParse({ ...valid, check: check.id, summary: 1, verdict: 'maybe' });
		expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual(expect.arrayContaining(['summary', 'verdict']));
	});
});
