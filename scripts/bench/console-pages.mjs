// @ts-check
/**
 * A dozen synthetic, console-like pages (forms, tables, buttons, text) that Chromium renders
 * into the corpus's screenshots (1440×900 unless the plan gives a viewport). Every page is self-contained HTML (no network) and
 * carries the guide and step it belongs to, so no two screenshots are the same file.
 */

import { SCREENSHOT_SIZE } from './corpus-text.mjs';

/** @typedef {import('./random.mjs').Random} Random */
/**
 * viewport: the CSS size the page is laid out for and captured at; 1440×900 (the standard
 * and dense shapes) when absent.
 * @typedef {{ guide: number, step: number, random: Random, viewport?: { width: number, height: number } }} PageInput
 */

const NAMES = [
	'alice',
	'bruno',
	'chen',
	'dara',
	'emeka',
	'farah',
	'goran',
	'hana',
	'ivo',
	'jun',
	'kemal',
	'lena',
	'mateo',
	'nadia',
	'omar',
	'priya',
];
const SERVICES = ['IAM', 'S3', 'EC2', 'CloudTrail', 'Config', 'GuardDuty', 'KMS', 'Organizations', 'Billing', 'Route 53', 'Lambda', 'RDS'];
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'us-west-2', 'sa-east-1'];
const ACCENTS = ['#0972d3', '#037f0c', '#8f4bd8', '#d45b07', '#0f7a8a', '#b0084d'];

/** @param {string} text */
const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** @param {Random} random */
function accountId(random) {
	let id = '';
	for (let i = 0; i < 12; i += 1) id += String(random.int(0, 9));
	return id;
}

/**
 * @param {PageInput} input @param {string} title @param {string} body
 * @param {{ dense?: boolean }} [options] dense: the small type and tight rows of a busy console page
 */
function shell({ guide, step, random, viewport = SCREENSHOT_SIZE }, title, body, { dense = false } = {}) {
	const { width, height } = viewport;
	// A phone or a small crop has no room for the side menu, as consoles hide it there.
	const narrow = width < 720 ? 'nav{display:none}main{left:0;padding:16px}' : '';
	// A full-page capture taller than a screen scrolls through more of the same kind of content.
	const content = height > SCREENSHOT_SIZE.height ? body.repeat(Math.ceil(height / SCREENSHOT_SIZE.height)) : body;
	const accent = random.pick(ACCENTS);
	const nav = SERVICES.slice(0, random.int(5, 9))
		.map((s, i) => `<li class="${i === step % 5 ? 'on' : ''}">${s}</li>`)
		.join('');
	return `<!doctype html><html><head><meta charset="utf-8"><style>
*{box-sizing:border-box}body{margin:0;width:${width}px;height:${height}px;overflow:hidden;font:14px/1.45 system-ui,sans-serif;color:#16191f;background:#f2f3f3}
header{height:48px;background:#232f3e;color:#fff;display:flex;align-items:center;gap:24px;padding:0 20px}
header b{font-size:16px}header .sp{flex:1}header .acct{background:#37475a;padding:4px 10px;border-radius:4px}
nav{position:absolute;top:48px;bottom:0;left:0;width:240px;background:#fff;border-right:1px solid #d5dbdb;padding:16px}
nav ul{list-style:none;margin:8px 0;padding:0}nav li{padding:6px 10px;border-radius:4px}nav li.on{background:${accent}1a;color:${accent};font-weight:600}
main{position:absolute;top:48px;left:240px;right:0;bottom:0;padding:24px 32px;overflow:hidden}
h1{font-size:24px;margin:0 0 4px}.crumbs{color:#5f6b7a;font-size:12px;margin-bottom:16px}
.card{background:#fff;border:1px solid #d5dbdb;border-radius:8px;padding:16px 20px;margin-bottom:16px}
.btn{display:inline-block;border:1px solid ${accent};color:${accent};border-radius:20px;padding:5px 16px;font-weight:700;margin-right:8px;background:#fff}
.btn.primary{background:${accent};color:#fff}.muted{color:#5f6b7a}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #e9ebed}th{background:#fafafa;font-weight:600}
label{display:block;font-weight:600;margin:12px 0 4px}input,select,textarea{width:100%;padding:7px 10px;border:1px solid #8c8c94;border-radius:6px;font:inherit;background:#fff}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}.ok{background:#e9f6e9;color:#037f0c}.bad{background:#fdecea;color:#b0084d}.warn{background:#fff7e6;color:#8a5a00}
.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:16px}.stat{font-size:30px;font-weight:700;color:${accent}}
code,pre{font:13px/1.5 ui-monospace,monospace}pre{background:#0f1b2a;color:#d1e4ff;padding:14px;border-radius:6px;margin:0}
.tag{position:absolute;right:16px;bottom:10px;color:#8c8c94;font-size:11px}
body.dense{font:12px/1.3 system-ui,sans-serif}body.dense th,body.dense td{padding:3px 6px}body.dense h1{font-size:20px}
body.dense label{margin:6px 0 2px}body.dense input,body.dense select{padding:3px 6px}body.dense .card{padding:10px 12px;margin-bottom:10px}
${narrow}</style></head><body${dense ? ' class="dense"' : ''}><header><b>Console</b><span>Services</span><span class="sp"></span><span>${random.pick(REGIONS)}</span><span class="acct">${random.pick(NAMES)} @ ${accountId(random)}</span></header>
<nav><strong>${escape(title.split(' ')[0] ?? title)}</strong><ul>${nav}</ul></nav>
<main><div class="crumbs">${random.pick(SERVICES)} › ${escape(title)}</div><h1>${escape(title)}</h1>${content}</main>
<div class="tag">synthetic page · guide ${guide} · step ${step}</div></body></html>`;
}

/** @param {Random} random @param {number} rows @param {(r: Random, i: number) => string[]} cells @param {string[]} head */
function table(random, rows, cells, head) {
	const body = Array.from(
		{ length: rows },
		(_, i) =>
			`<tr>${cells(random, i)
				.map((c) => `<td>${c}</td>`)
				.join('')}</tr>`,
	).join('');
	return `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

/** @param {Random} random */
const status = (random) =>
	random.pick([
		'<span class="badge ok">Enabled</span>',
		'<span class="badge bad">Not enabled</span>',
		'<span class="badge warn">Pending</span>',
	]);
/** @param {Random} random */
const day = (random) => `2026-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;

/** @type {Array<{ name: string, render: (input: PageInput) => string }>} */
export const CONSOLE_PAGES = [
	{
		name: 'sign-in form',
		render: (input) =>
			shell(
				input,
				'Sign in',
				`<div class="card" style="width:420px"><label>Account ID or alias</label><input value="${accountId(input.random)}"><label>IAM user name</label><input value="${input.random.pick(NAMES)}"><label>Password</label><input type="password" value="secret${input.step}"><p><span class="btn primary">Sign in</span><span class="btn">Sign in using root user email</span></p></div>`,
			),
	},
	{
		name: 'users table',
		render: (input) =>
			shell(
				input,
				'Users',
				`<div class="card"><p><span class="btn primary">Create user</span><span class="btn">Delete</span></p>${table(input.random, input.random.int(8, 14), (r) => [r.pick(NAMES) + r.int(1, 99), r.pick(['Admins', 'Developers', 'Auditors', 'ReadOnly']), status(r), day(r), `${r.int(1, 400)} days`], ['User name', 'Groups', 'MFA', 'Last activity', 'Password age'])}</div>`,
			),
	},
	{
		name: 'security credentials',
		render: (input) =>
			shell(
				input,
				'My security credentials',
				`<div class="card"><h3>Multi-factor authentication (MFA)</h3><p class="muted">Use MFA to increase the security of your account. You can register up to 8 devices.</p><p><span class="btn primary">Assign MFA device</span></p>${table(input.random, input.random.int(2, 5), (r) => [r.pick(['Authenticator app', 'Passkey', 'Hardware TOTP token']), `arn:aws:iam::${accountId(r)}:mfa/${r.pick(NAMES)}`, day(r)], ['Type', 'Identifier', 'Created on'])}</div><div class="card"><h3>Access keys</h3>${table(input.random, 2, (r) => [`AKIA${accountId(r)}ABCD`, status(r), day(r)], ['Access key ID', 'Status', 'Last used'])}</div>`,
			),
	},
	{
		name: 'policy editor',
		render: (input) => {
			const r = input.random;
			const actions = Array.from(
				{ length: r.int(3, 7) },
				() =>
					`"${r.pick(['iam', 's3', 'ec2', 'kms'])}:${r.pick(['List*', 'Get*', 'Describe*', 'CreateVirtualMFADevice', 'EnableMFADevice', 'DeactivateMFADevice'])}"`,
			);
			const json = `{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Sid": "Step${input.step}Guide${input.guide}",\n    "Effect": "${r.pick(['Allow', 'Deny'])}",\n    "Action": [\n      ${actions.join(',\n      ')}\n    ],\n    "Resource": "*",\n    "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "${r.pick(['false', 'true'])}"}}\n  }]\n}`;
			return shell(
				input,
				'Create policy',
				`<div class="card"><p><span class="btn">Visual</span><span class="btn primary">JSON</span></p><pre>${escape(json)}</pre></div><p><span class="btn">Cancel</span><span class="btn primary">Next</span></p>`,
			);
		},
	},
	{
		name: 'dashboard cards',
		render: (input) =>
			shell(
				input,
				'IAM dashboard',
				`<div class="grid">${Array.from({ length: 6 }, () => `<div class="card"><div class="muted">${input.random.pick(['Users', 'Roles', 'Policies', 'Groups', 'Identity providers', 'Findings'])}</div><div class="stat">${input.random.int(0, 480)}</div></div>`).join('')}</div><div class="card"><h3>Security recommendations</h3><p>${status(input.random)} Add MFA for root user</p><p>${status(input.random)} Root user has no active access keys</p></div>`,
			),
	},
	{
		name: 'wizard',
		render: (input) => {
			const at = input.random.int(1, 4);
			const steps = ['Select device', 'Set up device', 'Verify codes', 'Review']
				.map((s, i) => `<li style="${i + 1 === at ? 'font-weight:700' : 'color:#5f6b7a'}">Step ${i + 1}: ${s}</li>`)
				.join('');
			return shell(
				input,
				'Assign MFA device',
				`<div style="display:flex;gap:24px"><ol class="card" style="width:240px">${steps}</ol><div class="card" style="flex:1"><label>Device name</label><input value="${input.random.pick(NAMES)}-phone-${input.step}"><label>MFA device</label>${['Passkey or security key', 'Authenticator app', 'Hardware TOTP token'].map((o, i) => `<p><input type="radio" style="width:auto" ${i === input.random.int(0, 2) ? 'checked' : ''}> ${o}</p>`).join('')}<p><span class="btn">Cancel</span><span class="btn primary">Next</span></p></div></div>`,
			);
		},
	},
	{
		name: 'settings toggles',
		render: (input) =>
			shell(
				input,
				'Account settings',
				`<div class="card">${['Require MFA for console sign-in', 'Allow users to change their own password', 'Prevent password reuse', 'Require at least one uppercase letter', 'Password expiration', 'Security Token Service endpoints'].map((s) => `<p><span class="badge ${input.random.next() > 0.5 ? 'ok' : 'bad'}" style="width:44px">${input.random.next() > 0.5 ? 'On' : 'Off'}</span> ${s} <span class="muted">(${input.random.int(1, 90)} days)</span></p>`).join('')}<p><span class="btn primary">Save changes</span></p></div>`,
			),
	},
	{
		name: 'event log',
		render: (input) =>
			shell(
				input,
				'Event history',
				`<div class="card"><input placeholder="Filter events" value="${input.random.pick(['ConsoleLogin', 'EnableMFADevice', 'CreateAccessKey', 'AssumeRole'])}">${table(input.random, input.random.int(10, 15), (r) => [`${day(r)} ${r.int(0, 23)}:${String(r.int(0, 59)).padStart(2, '0')}`, r.pick(['ConsoleLogin', 'EnableMFADevice', 'CreateAccessKey', 'AssumeRole', 'PutBucketPolicy']), r.pick(NAMES), `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`, r.pick(REGIONS)], ['Event time', 'Event name', 'User name', 'Source IP', 'Region'])}</div>`,
			),
	},
	{
		name: 'confirmation dialog',
		render: (input) =>
			shell(
				input,
				'Access keys',
				`<div class="card" style="opacity:.4">${table(input.random, 6, (r) => [`AKIA${accountId(r)}WXYZ`, status(r), day(r)], ['Access key ID', 'Status', 'Created'])}</div><div class="card" style="position:absolute;top:180px;left:300px;width:520px;box-shadow:0 8px 32px #0005"><h3>Deactivate access key?</h3><p>Applications that use this key will stop working. You can activate it again later.</p><label>Type <code>confirm</code> to continue</label><input value="${input.random.next() > 0.5 ? 'confirm' : ''}"><p><span class="btn">Cancel</span><span class="btn primary">Deactivate</span></p></div>`,
			),
	},
	{
		name: 'billing chart',
		render: (input) => {
			const bars = Array.from(
				{ length: 12 },
				(_, i) =>
					`<div style="display:inline-block;width:52px;margin-right:12px;vertical-align:bottom;height:${input.random.int(30, 300)}px;background:${ACCENTS[i % ACCENTS.length]}"></div>`,
			).join('');
			return shell(
				input,
				'Cost explorer',
				`<div class="card"><div class="stat">$${input.random.int(10, 9000)}.${String(input.random.int(0, 99)).padStart(2, '0')}</div><p class="muted">Month-to-date cost</p><div style="height:320px;display:flex;align-items:flex-end">${bars}</div></div>`,
			);
		},
	},
	{
		name: 'terminal',
		render: (input) => {
			const user = input.random.pick(NAMES);
			const lines = [
				`$ aws sts get-caller-identity`,
				`{`,
				`  "UserId": "AIDA${accountId(input.random)}",`,
				`  "Account": "${accountId(input.random)}",`,
				`  "Arn": "arn:aws:iam::${accountId(input.random)}:user/${user}"`,
				`}`,
				`$ aws iam list-mfa-devices --user-name ${user}`,
				`{ "MFADevices": [] }`,
				`$ aws sts get-session-token --serial-number arn:aws:iam::${accountId(input.random)}:mfa/${user} --token-code ${input.random.int(100000, 999999)}`,
			];
			return shell(input, 'CloudShell', `<pre style="height:640px">${escape(lines.join('\n'))}</pre>`);
		},
	},
	{
		name: 'help article',
		render: (input) =>
			shell(
				input,
				'Documentation',
				`<div class="card" style="max-width:820px">${Array.from({ length: 5 }, () => `<p>${Array.from({ length: input.random.int(30, 55) }, () => input.random.pick(['account', 'device', 'sign-in', 'the', 'your', 'security', 'policy', 'user', 'root', 'code', 'key', 'access', 'enable', 'verify', 'and', 'with', 'to', 'of'])).join(' ')}.</p>`).join('')}<p><span class="btn primary">Got it</span><span class="btn">Open the IAM console</span></p></div>`,
			),
	},
];

/** @param {Random} random */
const arn = (random) =>
	`arn:aws:${random.pick(['iam', 's3', 'kms', 'ec2'])}::${accountId(random)}:${random.pick(['role', 'user', 'policy', 'key'])}/${random.pick(NAMES)}-${random.int(1, 999)}`;

/**
 * Busy console pages: small type, tight rows, many columns and fields. Their screenshots
 * hold far more detail than the standard pages, so they compress worse and are what text
 * sharpness at full size is judged on.
 * @type {Array<{ name: string, render: (input: PageInput) => string }>}
 */
export const DENSE_CONSOLE_PAGES = [
	{
		name: 'dense resource table',
		render: (input) =>
			shell(
				input,
				'Roles',
				`<div class="card"><p><span class="btn primary">Create role</span><span class="btn">Delete</span><input style="width:360px" placeholder="Search" value="${input.random.pick(NAMES)}"></p>${table(
					input.random,
					input.random.int(30, 36),
					(r) => [
						`<input type="checkbox" style="width:auto"${r.next() > 0.7 ? ' checked' : ''}>`,
						`${r.pick(NAMES)}-${r.pick(['admin', 'deploy', 'audit', 'read', 'break-glass'])}-${r.int(1, 99)}`,
						arn(r),
						r.pick(['AWS service: ec2', 'Account: ' + accountId(r), 'Identity provider: SAML', 'AWS service: lambda']),
						status(r),
						day(r),
						`${r.int(0, 400)} days ago`,
						`${r.int(1, 12)} h`,
					],
					['', 'Role name', 'ARN', 'Trusted entities', 'MFA', 'Created', 'Last activity', 'Max session'],
				)}</div>`,
				{ dense: true },
			),
	},
	{
		name: 'dense form',
		render: (input) => {
			const r = input.random;
			const fields = Array.from(
				{ length: 27 },
				(_, i) =>
					`<div><label>${r.pick(['Bucket name', 'Key alias', 'Role session name', 'External ID', 'Source IP range', 'Region', 'Retention days', 'KMS key ARN', 'Tag key', 'Tag value'])} ${i + 1}</label>${
						i % 4 === 3
							? `<select><option>${r.pick(REGIONS)}</option></select>`
							: `<input value="${i % 3 === 0 ? arn(r) : `${r.pick(NAMES)}-${r.int(100, 99999)}`}">`
					}<div class="muted" style="font-size:11px">${r.pick(['Required.', 'Up to 64 characters.', 'Must be unique in the account.', 'Leave empty for the default.'])}</div></div>`,
			).join('');
			return shell(
				input,
				'Create trail',
				`<div class="card"><div style="display:grid;grid-template-columns:repeat(3,1fr);gap:4px 20px">${fields}</div><p><span class="btn">Cancel</span><span class="btn primary">Create</span></p></div>`,
				{ dense: true },
			);
		},
	},
	{
		name: 'dense findings',
		render: (input) =>
			shell(
				input,
				'Findings',
				`<div class="grid">${Array.from({ length: 3 }, () => `<div class="card"><span class="muted">${input.random.pick(['Critical', 'High', 'Medium', 'Low'])}</span> <b class="stat" style="font-size:20px">${input.random.int(0, 300)}</b></div>`).join('')}</div><div class="card">${table(
					input.random,
					input.random.int(24, 30),
					(r) => [
						r.pick([
							'<span class="badge bad">Critical</span>',
							'<span class="badge warn">Medium</span>',
							'<span class="badge ok">Low</span>',
						]),
						r.pick([
							'Root user has active access keys',
							'IAM user without MFA',
							'S3 bucket allows public read',
							'Security group open to 0.0.0.0/0 on port 22',
							'CloudTrail logging stopped',
							'Access key older than 90 days',
						]),
						arn(r),
						r.pick(REGIONS),
						`${day(r)} ${r.int(0, 23)}:${String(r.int(0, 59)).padStart(2, '0')}`,
						r.pick(['New', 'Notified', 'Suppressed', 'Resolved']),
					],
					['Severity', 'Title', 'Resource', 'Region', 'Updated', 'Workflow'],
				)}</div>`,
				{ dense: true },
			),
	},
	{
		name: 'dense policy simulator',
		render: (input) => {
			const r = input.random;
			const rows = table(
				r,
				r.int(18, 24),
				(x) => [
					x.pick(['iam', 's3', 'ec2', 'kms', 'sts']),
					`${x.pick(['Get', 'List', 'Put', 'Delete', 'Create', 'Describe'])}${x.pick(['User', 'Bucket', 'Key', 'Role', 'Instances', 'Policy'])}`,
					arn(x),
					x.next() > 0.5 ? '<span class="badge ok">allowed</span>' : '<span class="badge bad">implicitDeny</span>',
					x.pick(['MfaRequired', 'DenyAllExceptListedIfNoMFA', 'AdministratorAccess', 'ReadOnlyAccess', '—']),
				],
				['Service', 'Action', 'Resource', 'Result', 'Matched statement'],
			);
			const json = `{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Sid": "G${input.guide}S${input.step}",\n    "Effect": "Deny",\n    "NotAction": ["iam:ChangePassword", "iam:GetUser", "sts:GetSessionToken"],\n    "Resource": "*",\n    "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}\n  }]\n}`;
			return shell(
				input,
				'Policy simulator',
				`<div style="display:flex;gap:12px"><div class="card" style="width:380px"><pre style="font-size:11px">${escape(json)}</pre></div><div class="card" style="flex:1">${rows}</div></div>`,
				{ dense: true },
			);
		},
	},
];
