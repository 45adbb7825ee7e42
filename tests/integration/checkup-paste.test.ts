import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckAnswer } from '../../src/lib/live/check-transport';
import { checkupCatalog } from '../../src/lib/checkup/checkup-catalog';
import { checkupRows, summaryLine } from '../../src/lib/checkup/checkup-rows';
import { checkupPasteCommand, pasteCheckIds, pasteTransport, splitCheckupPaste } from '../../src/lib/checkup/paste-checkup';
import { runCheckup } from '../../src/lib/checkup/run-checkup';
import { CHECKS, findCheck } from '../../src/lib/checks/registry';
import { useMotoEnvironment, type MotoUserKeys } from '../support/aws-fixtures';
import { runInShell } from '../support/aws-cli';
import { seedCheckupAccount } from '../support/checkup-account';
import { GUIDE_TITLES } from '../support/checkup-results';
import { startMoto, type RunningMoto } from '../support/moto';
import { runCheck } from '../support/run-check';

/**
 * The checkup from CloudShell: the combined command runs in bash with the real AWS CLI
 * against moto (the seeded account, as carol), and its whole output is the one paste.
 */
const catalog = checkupCatalog(CHECKS, GUIDE_TITLES);
const ALL_IDS = catalog.map((check) => check.id);

describe('the checkup through one CloudShell paste (real AWS CLI, moto)', () => {
	let moto: RunningMoto;
	let carol: MotoUserKeys;
	let output: string;

	beforeAll(async () => {
		moto = await startMoto({ loadManagedPolicies: true });
		// The server path (runCheck in this process) asks the same moto.
		useMotoEnvironment(moto);
		({ carol } = await seedCheckupAccount(moto));
		output = await runInShell(
			checkupPasteCommand(ALL_IDS),
			{
				AWS_ENDPOINT_URL: moto.url,
				AWS_ACCESS_KEY_ID: carol.accessKeyId,
				AWS_SECRET_ACCESS_KEY: carol.secretAccessKey,
			},
			// About ten CLI calls, each a new Python process: minutes on a busy machine.
			300_000,
		);
	}, 360_000);
	afterAll(async () => moto?.stop());

	it('is one command over every check CloudShell can run, each after its marker', () => {
		const everyPasteCheck = [
			'mfa',
			'root-user',
			'backup-device',
			'mfa-policy',
			'users-without-mfa',
			'password-policy',
			'unused-credentials',
			'access-keys',
			'permissions',
			'server-certificates',
		];
		expect(pasteCheckIds(ALL_IDS)).toEqual(everyPasteCheck);
		const notAccountWide = catalog.filter((check) => !check.accountWide).map((check) => check.id);
		expect(pasteCheckIds(notAccountWide)).toEqual([
			'mfa',
			'root-user',
			'backup-device',
			'mfa-policy',
			'password-policy',
			'permissions',
			'server-certificates',
		]);
		expect([...splitCheckupPaste(output).keys()]).toEqual(everyPasteCheck);
		expect(checkupPasteCommand(ALL_IDS)).not.toMatch(/\b(create|delete|put|attach|update|enable)-/);
	});

	it('gives the table riskiest first, with what CloudShell cannot check as could not check', async () => {
		const entries = await runCheckup({ catalog, transport: pasteTransport(output), settings: { includeAccountWide: true } });
		const rows = checkupRows(entries);
		expect(rows.map((row) => [row.check, row.verdict])).toEqual([
			['root-user', 'fail'],
			['users-without-mfa', 'fail'],
			// moto has no password policy set: NoSuchEntity is "no custom policy", a fail as on the server.
			['password-policy', 'fail'],
			['access-keys', 'fail'],
			['permissions', 'fail'],
			['server-certificates', 'fail'],
			// Paste mode asks IAM's policy simulator, which moto does not have (the server falls back to reading the policies).
			['mfa-policy', 'unknown'],
			// CloudShell cannot read the reader's own CLI config: could not check, on this path.
			['cli-mfa', 'unknown'],
			['mfa', 'pass'],
			['backup-device', 'pass'],
			// moto dates every credential now: none can be 45 days unused (the fake covers that case).
			['unused-credentials', 'pass'],
			['identity-center', 'not-applicable'],
		]);
		expect(summaryLine(rows)).toMatch(/^Could not check 2 of 11 \(.+\), 6 things to fix, 3 fine, 1 not applicable$/);
		expect(rows.find((row) => row.check === 'cli-mfa')!.finding).toMatch(/CloudShell has its own home folder/);
		expect(rows.find((row) => row.check === 'users-without-mfa')!.finding).toBe('Can sign in to the console without MFA: bob.');
		// One user per access key control: dave has two active keys; alice's and bob's keys never signed a request.
		expect(rows.find((row) => row.check === 'access-keys')).toMatchObject({
			finding: 'Access keys to fix: 2 keys of console users never used; 1 user with two active keys.',
			fix: { href: '/guides/manage-access-keys/#step-4' },
		});
		expect(rows.find((row) => row.check === 'permissions')).toMatchObject({
			finding:
				'Permissions to fix: FullAdmin allows every action on every resource; bob has policies of their own; AWSCloudShellFullAccess is attached to group developers.',
			fix: { href: '/guides/permissions-through-groups/#step-5', label: 'Step 5: Replace full administrator policies' },
		});
		expect(rows.find((row) => row.check === 'server-certificates')).toMatchObject({
			finding: 'Expired server certificates are still stored in IAM: old-www-example-com.',
			fix: { href: '/guides/account-access-controls/#step-6', label: 'Step 6: Delete expired certificates' },
		});
	});

	it('decides each check exactly as the server does for the same account', async () => {
		const entries = await runCheckup({ catalog, transport: pasteTransport(output), settings: { includeAccountWide: true } });
		const pasted = new Map(entries.map((entry) => [entry.check.id, entry.answer]));
		// Not mfa-policy: moto has no policy simulator, which is all paste mode asks (see above).
		for (const id of pasteCheckIds(ALL_IDS).filter((id) => id !== 'mfa-policy')) {
			const server = (await runCheck(findCheck(id)!, { credentials: carol })).body;
			const fromPaste = pasted.get(id) as Extract<CheckAnswer, { kind: 'result' }>;
			expect(fromPaste.kind, id).toBe('result');
			expect([fromPaste.body.verdict, fromPaste.body.summary, fromPaste.body.advice], id).toEqual([
				server.verdict,
				server.summary,
				server.advice,
			]);
		}
	});

	it('says what is missing when the paste is cut short or is something else', async () => {
		const firstTwo = output.slice(0, output.indexOf('===== stepcheck backup-device'));
		const rows = checkupRows(await runCheckup({ catalog, transport: pasteTransport(firstTwo), settings: { includeAccountWide: true } }));
		expect(rows.find((row) => row.check === 'backup-device')).toMatchObject({
			verdict: 'unknown',
			finding: expect.stringMatching(/The paste has no output for this check\. Run the command again and paste all of it\.$/),
		});
		expect(rows.find((row) => row.check === 'users-without-mfa')!.finding).toMatch(/tick the box before copying the command/);
		const other = checkupRows(
			await runCheckup({ catalog, transport: pasteTransport('total 0\n'), settings: { includeAccountWide: false } }),
		);
		expect(other[0]).toMatchObject({
			check: 'mfa',
			verdict: 'unknown',
			finding: expect.stringMatching(/This is not the output of the checkup command/),
		});
	});
});
