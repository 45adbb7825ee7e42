import {
	AttachGroupPolicyCommand,
	AttachRolePolicyCommand,
	AttachUserPolicyCommand,
	CreateGroupCommand,
	CreatePolicyCommand,
	CreateRoleCommand,
	IAMClient,
	ListAttachedGroupPoliciesCommand,
	UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS, findCheck } from '../../src/lib/checks/registry';
import { awsCommandsIn, namedFiles } from '../../src/lib/content/guide-commands';
import { parseMdx } from '../../src/lib/content/parse-mdx';
import { createMotoUser, uploadExpiredCertificate, withMotoEnvironment, type MotoUserKeys } from '../support/aws-fixtures';
import { CONTRACTS } from '../support/aws-request-contracts';
import { guideCommandReplies, longTermKeyGate } from '../support/guide-command-replies';
import {
	invocationProblems,
	invokedKey,
	readGuideCommands,
	runScript,
	scriptFor,
	uncontracted,
	workspace,
	commandKey,
	type GuideCommands,
} from '../support/guide-command-runner';
import { SETUP_KEYS, startMoto, type RunningMoto } from '../support/moto';
import { ROOT } from '../support/paths';
import { runCheck } from '../support/run-check';
import { startRecordingAws, type RecordingAws } from '../support/recording-aws';

/**
 * Every AWS CLI command in every guide, and every manual command of every live check, runs
 * here with the real `aws` against moto (seeded with the guides' example names: alice with
 * her device alice-phone, mfa-tester, account 123456789012, and what the audit guides fix), or against the fake for what
 * moto lacks. Each call must exit 0 and send what its contract says (aws-request-contracts.ts).
 */

const GUIDES_DIR = join(ROOT, 'src/content/guides');
const RUN_TIMEOUT = 120_000;

const guides: GuideCommands[] = readdirSync(GUIDES_DIR, { withFileTypes: true })
	.filter((d) => d.isDirectory() && existsSync(join(GUIDES_DIR, d.name, 'index.mdx')))
	.map((d) => readGuideCommands(`src/content/guides/${d.name}/index.mdx`, readFileSync(join(GUIDES_DIR, d.name, 'index.mdx'), 'utf8')))
	.filter((guide) => guide.blocks.length > 0);

/** The require-MFA policy of its guide: mfa-tester's permissions when a check's manual asks the principal simulator. */
const requireMfaPolicy = JSON.parse(
	namedFiles(parseMdx(readFileSync(join(GUIDES_DIR, 'require-mfa-policy/index.mdx'), 'utf8'))).find((f) => f.name === 'require-mfa.json')!
		.content,
);
const readOnly = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:ListAllMyBuckets', 'iam:GetUser'], Resource: '*' }] };

/** What the checks' manual commands leave to the reader, and the example each stands for in the tests. */
const MANUAL_PLACEHOLDERS: Record<string, string> = { 'YOUR-USER-NAME': 'alice' };

/** The reader's ~/.aws/config after the CLI guide's step 5: alice's profile, and a role profile with her MFA device. */
const CONFIG = [
	'[default]',
	'region = us-east-1',
	'[profile alice]',
	'region = us-east-1',
	'[profile admin]',
	'role_arn = arn:aws:iam::123456789012:role/Admin',
	'source_profile = alice',
	'mfa_serial = arn:aws:iam::123456789012:mfa/alice-phone',
	'',
].join('\n');

let moto: RunningMoto;
let aws: RecordingAws;
let alice: MotoUserKeys;
let tester: MotoUserKeys;
const TESTER_ARN = 'arn:aws:iam::123456789012:user/mfa-tester';

/** A fresh account with the guides' example users, before each guide's commands run in order. */
async function seed() {
	const reset = await fetch(`${moto.url}/moto-api/reset`, { method: 'POST' });
	expect(reset.ok).toBe(true);
	const iam = new IAMClient({
		region: 'us-east-1',
		endpoint: moto.url,
		credentials: { accessKeyId: SETUP_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: SETUP_KEYS.AWS_SECRET_ACCESS_KEY },
	});
	alice = await createMotoUser(iam, 'alice', { password: true, deviceNames: ['alice-phone'] });
	tester = await createMotoUser(iam, 'mfa-tester', { password: true });
	// A weak policy of the account's own, so reading it answers as in most accounts that set one (no NoSuchEntity).
	await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, AllowUsersToChangePassword: true }));
	await seedWhatTheAuditGuidesFix(iam);
	iam.destroy();
}

/**
 * What the permissions and account-level guides find and fix: alice with a policy attached
 * directly, the Admin role with the full-administrator policy FullAdmin, the group developers
 * with AWSCloudShellFullAccess, and an expired server certificate (moto dates every uploaded
 * certificate in the past).
 */
async function seedWhatTheAuditGuidesFix(iam: IAMClient) {
	await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
	const everything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
	const fullAdmin = await iam.send(new CreatePolicyCommand({ PolicyName: 'FullAdmin', PolicyDocument: JSON.stringify(everything) }));
	const trust = {
		Version: '2012-10-17',
		Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }],
	};
	await iam.send(new CreateRoleCommand({ RoleName: 'Admin', AssumeRolePolicyDocument: JSON.stringify(trust) }));
	await iam.send(new AttachRolePolicyCommand({ RoleName: 'Admin', PolicyArn: fullAdmin.Policy!.Arn! }));
	await iam.send(new CreateGroupCommand({ GroupName: 'developers' }));
	await iam.send(new AttachGroupPolicyCommand({ GroupName: 'developers', PolicyArn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess' }));
	await uploadExpiredCertificate(iam);
}

async function run(script: string, files: GuideCommands['files'], env: Record<string, string> = {}) {
	const place = workspace(files);
	const profiles = [...new Set(['alice', ...[...script.matchAll(/--profile\s+([\w-]+)/g)].map((m) => m[1]!)])];
	mkdirSync(join(place.dir, '.aws'));
	writeFileSync(join(place.dir, '.aws/config'), CONFIG);
	writeFileSync(
		join(place.dir, '.aws/credentials'),
		profiles
			.map((name) => {
				// mfa-tester's profile holds the tester's own long-term key, which RequireMFA governs.
				const keys = name === 'mfa-tester' ? tester : alice;
				return `[${name}]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`;
			})
			.join('\n'),
	);
	const result = await runScript(script, place, {
		AWS_ENDPOINT_URL: aws.url,
		AWS_ACCESS_KEY_ID: alice.accessKeyId,
		AWS_SECRET_ACCESS_KEY: alice.secretAccessKey,
		AWS_SESSION_TOKEN: '',
		AWS_DEFAULT_REGION: 'us-east-1',
		AWS_REGION: 'us-east-1',
		AWS_PROFILE: '',
		AWS_CONFIG_FILE: join(place.dir, '.aws/config'),
		AWS_SHARED_CREDENTIALS_FILE: join(place.dir, '.aws/credentials'),
		AWS_EC2_METADATA_DISABLED: 'true',
		...env,
	});
	rmSync(place.dir, { recursive: true, force: true });
	const problems = result.invocations.flatMap((invocation) => invocationProblems(invocation, aws.requests));
	return { ...result, problems };
}

beforeAll(async () => {
	moto = await startMoto({ loadManagedPolicies: true });
	aws = await startRecordingAws(moto.url, guideCommandReplies({ [TESTER_ARN]: [requireMfaPolicy, readOnly] }), (request) =>
		longTermKeyGate([{ accessKeyId: tester.accessKeyId, arn: TESTER_ARN, policies: [requireMfaPolicy, readOnly] }])(request),
	);
}, RUN_TIMEOUT);

afterAll(async () => {
	await aws?.stop();
	await moto?.stop();
});

describe('AWS CLI commands in guides', () => {
	it('finds guides with commands', () => {
		expect(guides.length).toBeGreaterThan(0);
	});

	describe.each(guides.map((g) => [g.file, g] as const))('%s', (file, guide) => {
		beforeAll(seed, RUN_TIMEOUT);

		it('has a contract for every aws command, or a reason it cannot run', () => {
			expect(uncontracted(guide)).toEqual([]);
		});

		for (const block of guide.blocks) {
			const commands = block.commands.map((c) => `aws ${commandKey(c)}`).join(', ');
			it(
				`line ${block.line}: ${commands}`,
				async () => {
					const result = await run(scriptFor(guide, block), guide.files);
					const where = `${file}:${block.line}`;
					expect(result.code, `${where} failed:\n${result.stderr}`).toBe(0);
					expect(result.problems, where).toEqual([]);
					const ran = new Set(result.invocations.map((invocation) => invokedKey(invocation.args)));
					for (const command of block.commands) {
						if (guide.notRun.has(`aws ${commandKey(command)}`)) continue;
						expect(ran.has(commandKey(command)), `${file}:${command.line}: aws ${commandKey(command)} never ran`).toBe(true);
					}
				},
				RUN_TIMEOUT,
			);
		}
	});
});

describe('what the command test refuses', () => {
	beforeAll(seed, RUN_TIMEOUT);

	it('fails a new guide with an untested aws command, naming its file and line', () => {
		const guide = readGuideCommands('tests/fixtures/guide-commands/untested-command.mdx');
		expect(uncontracted(guide)).toEqual([
			expect.stringMatching(/^tests\/fixtures\/guide-commands\/untested-command\.mdx:12: `aws s3 mb` is not tested\./),
		]);
	});

	it(
		"fails require-mfa-policy's step 4 as it was before the fix: file:// in a two-item list sends a file name, not a policy",
		async () => {
			const guide = readGuideCommands('tests/fixtures/guide-commands/simulate-before-fix.mdx');
			const result = await run(scriptFor(guide, guide.blocks[0]!), guide.files);
			expect(result.code).not.toBe(0);
			expect(result.problems).toContainEqual(
				expect.stringMatching(
					/SimulateCustomPolicy without a policy document .*PolicyInputList item 1 is not a policy document but the text "file:\/\/require-mfa\.json"/,
				),
			);
		},
		RUN_TIMEOUT,
	);

	it(
		"prints what require-mfa-policy's step 4 says: without MFA an explicit deny for S3 and set-up allowed, with MFA S3 allowed",
		async () => {
			const guide = guides.find((g) => g.file.includes('require-mfa-policy'))!;
			const block = guide.blocks.find((b) => b.commands.some((c) => c.operation === 'simulate-custom-policy'))!;
			const result = await run(scriptFor(guide, block), guide.files);
			expect(result.stdout.trim().split('\n')).toEqual([
				's3:ListAllMyBuckets\texplicitDeny',
				'iam:ListVirtualMFADevices\tallowed',
				's3:ListAllMyBuckets\tallowed',
				'iam:ListVirtualMFADevices\tallowed',
			]);
		},
		RUN_TIMEOUT,
	);
});

describe("require-mfa-policy's access key test (step 7), run in sequence as written", () => {
	beforeAll(seed, RUN_TIMEOUT);

	const listings = (since: number) => aws.requests.filter((request) => request.action === 'ListBuckets' && request.at >= since);

	it(
		'denies the long-term key, then lists the buckets with the MFA session once the repeat names no profile',
		async () => {
			const guide = guides.find((g) => g.file.includes('require-mfa-policy'))!;
			const block = guide.blocks.find((b) => b.commands.some((c) => c.service === 's3'))!;
			const since = Date.now();
			const result = await run(scriptFor(guide, block), guide.files);
			expect(result.code, result.stderr).toBe(0);
			expect(result.problems).toEqual([]);
			expect(result.stdout).toContain('Denied without MFA, as it should be');
			expect(
				listings(since).map(({ accessKeyId, sessionToken, refused, status }) => ({ accessKeyId, sessionToken, refused, status })),
			).toEqual([
				{ accessKeyId: tester.accessKeyId, sessionToken: false, refused: true, status: 403 },
				{ accessKeyId: expect.not.stringMatching(tester.accessKeyId), sessionToken: true, refused: undefined, status: 200 },
			]);
		},
		RUN_TIMEOUT,
	);

	it(
		'fails the step as it was: a repeat with --profile signs with the long-term key again and is still denied',
		async () => {
			const guide = readGuideCommands('tests/fixtures/guide-commands/repeat-with-profile.mdx');
			const since = Date.now();
			const result = await run(scriptFor(guide, guide.blocks[0]!), guide.files);
			expect(result.code).not.toBe(0);
			expect(listings(since).map((request) => request.refused)).toEqual([true, true]);
		},
		RUN_TIMEOUT,
	);
});

describe('permissions-through-groups, every block in sequence as written', () => {
	beforeAll(seed, RUN_TIMEOUT);

	it(
		'leaves nobody with AWSCloudShellFullAccess and the developers group with the CloudShell policy of step 7, as the live check reads it',
		async () => {
			const guide = guides.find((g) => g.file.includes('permissions-through-groups'))!;
			for (const block of guide.blocks) {
				const result = await run(scriptFor(guide, block), guide.files);
				expect(result.code, `${guide.file}:${block.line} failed:\n${result.stderr}`).toBe(0);
			}
			const { body } = await withMotoEnvironment(moto, () =>
				runCheck(findCheck('permissions')!, {
					credentials: { accessKeyId: SETUP_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: SETUP_KEYS.AWS_SECRET_ACCESS_KEY },
				}),
			);
			expect(body.findings).toMatchObject({ cloudShellFullAccess: [], fullAdminPolicies: [], usersWithPolicies: [] });
			expect(body.verdict).toBe('pass');
			const iam = new IAMClient({
				region: 'us-east-1',
				endpoint: moto.url,
				credentials: { accessKeyId: SETUP_KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: SETUP_KEYS.AWS_SECRET_ACCESS_KEY },
			});
			const attached = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'developers' }));
			iam.destroy();
			expect(attached.AttachedPolicies?.map((policy) => policy.PolicyName)).toEqual(['CloudShellWithoutFileTransfer']);
		},
		RUN_TIMEOUT * 3,
	);
});

describe('manual commands of the live checks', () => {
	beforeAll(seed, RUN_TIMEOUT);

	const manual = CHECKS.flatMap((check) =>
		check.manual.flatMap((step, index) => (step.command ? [{ check: check.id, index, command: step.command }] : [])),
	);

	it('finds manual commands', () => {
		expect(manual.length).toBeGreaterThan(0);
	});

	it.each(manual.map((m) => [`src/lib/checks/${m.check}.ts manual[${m.index}]`, m] as const))(
		'%s',
		async (where, { command }) => {
			for (const call of awsCommandsIn(command, 0)) {
				expect(commandKey(call) in CONTRACTS, `${where}: aws ${commandKey(call)} has no contract`).toBe(true);
			}
			let script = command;
			for (const [placeholder, value] of Object.entries(MANUAL_PLACEHOLDERS)) script = script.split(placeholder).join(value);
			// The profile the reader's CLI uses, for the checks that read it (aws configure get).
			const result = await run(script, [], { AWS_PROFILE: 'admin' });
			expect(result.code, `${where} failed:\n${result.stderr}`).toBe(0);
			expect(result.problems, where).toEqual([]);
			expect(result.invocations.length, where).toBe(awsCommandsIn(command, 0).length);
		},
		RUN_TIMEOUT,
	);
});
