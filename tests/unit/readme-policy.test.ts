import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimalPolicy } from '../../src/lib/aws/minimal-policy';
import { ROOT } from '../support/paths';

describe('README', () => {
	it('prints exactly the minimal policy the endpoint serves', () => {
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		const section = readme.slice(readme.indexOf('## Live MFA check'));
		const block = /```json\n([\s\S]*?)\n```/.exec(section);
		expect(block, 'a json block in the Live MFA check section').not.toBeNull();
		expect(JSON.parse(block![1]!)).toEqual(minimalPolicy());
	});
});
