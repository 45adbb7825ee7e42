import { companionTransport, explainCompanionProblem, type CheckRequest, type CompanionPlace } from '../../lib/live/check-transport';
import { node, outcomeOfAnswer, type Outcome } from './live-check';

/**
 * The island's view of the companion: the shared transport (`src/lib/live/check-transport.ts`)
 * asks and diagnoses; this turns a diagnosis into a panel with what to do and the command.
 */
export function askCompanion(place: CompanionPlace): (request: CheckRequest) => Promise<Outcome> {
	const transport = companionTransport(place);
	return async (request) => {
		const answer = await transport(request);
		if (answer.kind !== 'unreachable' || !answer.companion) return outcomeOfAnswer(answer);
		const explained = explainCompanionProblem(answer.companion, place);
		return {
			state: 'error',
			message: explained.message,
			view: node(
				'div',
				{ className: 'live-problem', attributes: { 'data-problem': answer.companion.kind } },
				node('p', null, explained.todo),
				explained.command && node('pre', { attributes: { tabindex: '0' } }, node('code', null, explained.command)),
			),
			openManual: false,
			answered: false,
		};
	};
}
