import * as z from 'zod/mini';
import { stepAdvice } from './advice';
import type { CheckDefinition, Decision } from './check-definition';
import { checkResultBaseSchema } from './result-schema';

/**
 * IAM Identity Center: neither the Identity Center API reference nor its CLI lists a call that
 * reads the MFA settings (the prompt, the device types, the no-device rule), so this check says so and links the console page, and never
 * gives a pass or a fail it cannot back.
 */
const identityCenterResultSchema = z.extend(checkResultBaseSchema, { consoleUrl: z.url() });
type IdentityCenterResult = z.infer<typeof identityCenterResultSchema>;

const GUIDE = 'identity-center-mfa';
const IDENTITY_CENTER_CONSOLE = 'https://console.aws.amazon.com/singlesignon/home';
const DOCS = 'https://docs.aws.amazon.com/singlesignon/latest/userguide/enable-mfa.html';

export function decideIdentityCenter(): Decision {
	return {
		verdict: 'unknown',
		summary:
			'Stepcheck knows of no AWS API that reads the MFA settings of IAM Identity Center, so it cannot check them. Look at them in the console.',
		facts: [{ label: 'Where to look', value: 'IAM Identity Center console, Settings, Authentication, Multi-factor authentication' }],
		advice: [
			stepAdvice({
				id: 'open-settings',
				message: 'Open the MFA settings in the console and compare them with the guide.',
				guide: GUIDE,
				step: 2,
				label: 'Step 2: Go to the MFA settings',
				docsUrl: IDENTITY_CENTER_CONSOLE,
				docsLabel: 'Open the Identity Center settings in the console',
			}),
			stepAdvice({
				id: 'test-sign-in',
				message: 'Sign in to the access portal as a test user: you should be asked for MFA.',
				guide: GUIDE,
				step: 7,
				label: 'Step 7: Check your work',
				docsUrl: DOCS,
			}),
		],
	};
}

export const identityCenterCheck: CheckDefinition<null, IdentityCenterResult> = {
	id: 'identity-center',
	title: 'Identity Center MFA',
	guide: GUIDE,
	steps: [3, 4, 5],
	action: 'Check Identity Center MFA',
	method: 'GET',
	calls: [],
	resultSchema: identityCenterResultSchema,
	manual: [
		{
			text: 'Stepcheck knows of no AWS API or CLI command that reads these settings. In the IAM Identity Center console choose Settings, then the Authentication tab, and look at Multi-factor authentication.',
		},
		{ text: 'To see the devices one user registered, open Users, choose the user and the MFA devices tab.' },
	],
	nothingRead: null,
	gather: async () => ({ answers: null, errors: [] }),
	decide: () => decideIdentityCenter(),
	fields: () => ({ consoleUrl: IDENTITY_CENTER_CONSOLE }),
};
