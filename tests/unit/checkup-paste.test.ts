import { describe, expect, it } from 'vitest';
import { checkupPasteCommand, pasteCheckIds, splitCheckupPaste } from '../../src/lib/checkup/paste-checkup';
import { findCloudShellCheck, type CloudShellCheck } from '../../src/lib/checks/cloudshell';

describe('the checkup command for CloudShell', () => {
	it('runs each check CloudShell can run in its own subshell, after a line naming it, in the order given', () => {
		const command = checkupPasteCommand(['root-user', 'cli-mfa', 'mfa', 'identity-center']);
		expect(pasteCheckIds(['root-user', 'cli-mfa', 'mfa', 'identity-center'])).toEqual(['root-user', 'mfa']);
		expect(command).toBe(
			[
				"echo '===== stepcheck root-user ====='",
				'(',
				(findCloudShellCheck('root-user') as CloudShellCheck).command,
				') 2>&1',
				"echo '===== stepcheck mfa ====='",
				'(',
				(findCloudShellCheck('mfa') as CloudShellCheck).command,
				') 2>&1',
			].join('\n'),
		);
	});

	it('splits a paste at the marker lines, whatever the terminal put around them', () => {
		const paste = [
			'[cloudshell-user@ip-10-0-0-1 ~]$ echo ...',
			'===== stepcheck mfa =====',
			'{"stepcheck":"mfa"}',
			'',
			'===== stepcheck root-user =====  ',
			'{"SummaryMap":{}}',
			'[cloudshell-user@ip-10-0-0-1 ~]$',
		].join('\n');
		expect([...splitCheckupPaste(paste)]).toEqual([
			['mfa', '{"stepcheck":"mfa"}'],
			['root-user', '{"SummaryMap":{}}\n[cloudshell-user@ip-10-0-0-1 ~]$'],
		]);
		expect(splitCheckupPaste('no markers here').size).toBe(0);
	});
});
