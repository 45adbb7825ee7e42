import { guidePath } from '../guides/reading-order';
import type { Advice } from './result-schema';

/**
 * Advice that links to the step that fixes the finding. The label names the guide when the
 * step is in another guide than the one the check sits in, so a reader knows the link leaves.
 */
export function stepAdvice(options: {
	id: string;
	message: string;
	guide: string;
	step: number | null;
	label: string;
	docsUrl?: string | null;
	docsLabel?: string;
}): Advice {
	const path = guidePath(options.guide);
	return {
		id: options.id,
		message: options.message,
		guideStep: options.step === null ? path : `${path}#step-${options.step}`,
		guideStepLabel: options.label,
		docsUrl: options.docsUrl ?? null,
		...(options.docsLabel ? { docsLabel: options.docsLabel } : {}),
	};
}

/** The pass's last advice in a guide that ends with turning on Security Hub CSPM's controls for the same checks. */
export function securityHubAdvice(guide: string, step: number): Advice {
	return stepAdvice({
		id: 'security-hub',
		message: 'Let Security Hub CSPM run the same checks every day.',
		guide,
		step,
		label: `Step ${step}: Let Security Hub CSPM check every day`,
	});
}
