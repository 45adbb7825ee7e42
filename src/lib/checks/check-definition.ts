import type * as z from 'zod/mini';
import type { AwsClients } from '../aws/aws-clients';
import type { Advice, CheckError, CheckResultBase, Fact, FactList, Identity, Verdict } from './result-schema';

/** What a pure `decide…` function returns; the runner adds identity, errors, policy and time. */
export interface Decision {
	verdict: Verdict;
	summary: string;
	advice: Advice[];
	facts: Fact[];
	lists?: FactList[];
}

/**
 * Which resources an action is granted on in the generated policy. `own-user` is the
 * caller's own user only (works because the checks always pass `UserName`).
 */
export type ResourceScope = 'own-user' | 'any-user' | 'any-group' | 'any-policy' | 'account';

export interface DeclaredCall {
	/** `service:Action`, exactly as IAM policies spell it. */
	action: `${'iam' | 'sts'}:${string}`;
	resource: ResourceScope;
	/** False for calls no IAM policy governs; `reason` says why, and docs/live-checks.md prints it. */
	needsPermission?: false;
	reason?: string;
}

/** One step of the manual fallback: a sentence, and the command it introduces if any. */
interface ManualStep {
	text: string;
	command?: string;
}

/** What a request may carry into a check, after the check's `input` schema accepted it. */
export interface CheckInput {
	userName?: string;
}

/** The request's query (`?user=`), trimmed, before any check looks at it. */
export interface RawInput {
	user?: string;
}

export interface CheckContext {
	/** Clients on the default credential chain; made on first use, so checks without AWS calls make none. */
	clients: () => Promise<AwsClients>;
	signal: AbortSignal;
	now: () => Date;
	input: CheckInput;
	/** The server's environment (AWS_CONFIG_FILE, AWS_PROFILE, HOME for the CLI check). */
	env: Record<string, string | undefined>;
}

/** A call that either yields its value or the teaching error; one failure never sinks the others. */
export type Attempt<T> = { ok: true; value: T } | { ok: false; error: CheckError; cause: unknown };

/** The only way a check calls AWS: refuses an action the check did not declare. */
export type Attempter = <T>(action: DeclaredCall['action'], call: () => Promise<T>) => Promise<Attempt<T>>;

interface GatherContext extends CheckContext {
	attempt: Attempter;
	/** The caller, asked first by the runner when the check declares `sts:GetCallerIdentity`; else null. */
	identity: Identity | null;
}

/** What a check learned from AWS (or the machine), and what failed on the way. */
interface Gathered<Answers> {
	answers: Answers;
	errors: CheckError[];
	/** Nothing useful was learned: the status is that of the first error instead of 200. */
	stopped?: boolean;
	/**
	 * The actions this run could have used, when fewer than the declared calls: the minimal
	 * policy of a denied run then grants only these (a declared fallback the run cannot take).
	 */
	policyActions?: readonly string[];
}

export interface CheckOutcome {
	status: number;
	body: CheckResultBase;
}

/**
 * One live check. The check gathers plain answers through `attempt`, `decide` turns them into
 * a verdict, and the runner (`check-runner.ts`) builds and validates the body.
 */
export interface CheckDefinition<Answers, Result extends CheckResultBase> {
	id: string;
	title: string;
	/** The guide (content id) and the steps whose outcome the check confirms. */
	guide: string;
	steps: number[];
	/** The button the island shows. */
	action: string;
	/** POST for checks that change something on the AWS side (generating the credential report). */
	method: 'GET' | 'POST';
	/** Every AWS call `gather` may make; the minimal IAM policy is generated from this list. */
	calls: DeclaredCall[];
	/** Local files the check reads (shown in docs/live-checks.md and the fallback), never credentials. */
	reads?: string[];
	/** Present when the check takes an IAM user name (`?user=`): validates it before any AWS call. */
	input?: z.ZodMiniType<CheckInput, RawInput>;
	resultSchema: z.ZodMiniType<Result>;
	/** How to check the same by hand, shown without JavaScript or without the endpoint. */
	manual: ManualStep[];
	/** An extra per-client limit, on top of the one all checks share. */
	rateLimit?: { capacity: number; refillPerMinute: number };
	/** The answers when nothing could be read (the caller's identity failed). */
	nothingRead: Answers;
	gather: (context: GatherContext) => Promise<Gathered<Answers>>;
	decide: (answers: Answers, about: { identity: Identity | null; input: CheckInput }) => Decision;
	/** The check's own body fields (those its result schema adds to the common ones). */
	fields: (answers: Answers) => Omit<Result, keyof CheckResultBase>;
}

/** Lets a registry hold checks with different answers and result types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCheck = CheckDefinition<any, any>;

/**
 * Reads the request's query through the check's `input` schema. A check without one takes
 * no input, and says so rather than ignoring what the reader typed.
 */
export function readInput(check: AnyCheck, raw: RawInput): { input: CheckInput } | { problem: string } {
	if (raw.user === undefined) return { input: {} };
	if (!check.input) return { problem: `The ${check.id} check takes no user name; remove ?user= from the request.` };
	const parsed = check.input.safeParse(raw);
	return parsed.success ? { input: parsed.data } : { problem: parsed.error.issues.map((issue) => issue.message).join(' ') };
}
