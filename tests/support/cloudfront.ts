import { createContext, Script } from 'node:vm';
import { parse, type Node } from 'acorn';

/**
 * A harness for a CloudFront Function (JavaScript runtime 2.0, `cloudfront-js-2.0`): it refuses
 * syntax that runtime lacks, then runs the code in a fresh V8 context (no Node globals, no
 * `require`, no timers) and calls `handler` with CloudFront's viewer-request event shape.
 *
 * What the runtime supports, from AWS's "JavaScript runtime 2.0 features for CloudFront
 * Functions": ES 5.1 statements, `const` and `let`, `async` and `await`, template literals
 * (not tagged), arrow functions, rest parameters and `**`. Anything else (classes,
 * generators, destructuring, spread, optional chaining, `??`, `for-of`, modules, object
 * shorthand or computed keys, default parameters) is reported.
 */

const ALLOWED_NODES = new Set([
	'Program',
	'ExpressionStatement',
	'BlockStatement',
	'EmptyStatement',
	'ReturnStatement',
	'IfStatement',
	'ForStatement',
	'ForInStatement',
	'WhileStatement',
	'DoWhileStatement',
	'BreakStatement',
	'ContinueStatement',
	'SwitchStatement',
	'SwitchCase',
	'ThrowStatement',
	'TryStatement',
	'CatchClause',
	'LabeledStatement',
	'VariableDeclaration',
	'VariableDeclarator',
	'FunctionDeclaration',
	'FunctionExpression',
	'ArrowFunctionExpression',
	'Identifier',
	'Literal',
	'ThisExpression',
	'ArrayExpression',
	'ObjectExpression',
	'Property',
	'MemberExpression',
	'CallExpression',
	'NewExpression',
	'UnaryExpression',
	'UpdateExpression',
	'BinaryExpression',
	'LogicalExpression',
	'AssignmentExpression',
	'ConditionalExpression',
	'SequenceExpression',
	'TemplateLiteral',
	'TemplateElement',
	'AwaitExpression',
	'RestElement',
]);
const ES5_ASSIGNMENTS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '**=']);

type AnyNode = Node & Record<string, unknown>;

function children(node: AnyNode): AnyNode[] {
	const found: AnyNode[] = [];
	for (const [key, value] of Object.entries(node)) {
		if (key === 'loc' || key === 'range') continue;
		for (const item of Array.isArray(value) ? value : [value]) {
			if (item && typeof item === 'object' && typeof (item as AnyNode).type === 'string') found.push(item as AnyNode);
		}
	}
	return found;
}

/** Syntax in `source` that `cloudfront-js-2.0` does not support, as "line N: what" messages. */
export function unsupportedSyntax(source: string): string[] {
	let program: AnyNode;
	try {
		program = parse(source, { ecmaVersion: 'latest', sourceType: 'script', locations: true }) as unknown as AnyNode;
	} catch (error) {
		return [`does not parse as a script: ${(error as Error).message}`];
	}
	const problems: string[] = [];
	const report = (node: AnyNode, what: string) => problems.push(`line ${node.loc?.start.line}: ${what}`);
	const visit = (node: AnyNode, parent: AnyNode | null) => {
		if (!ALLOWED_NODES.has(node.type)) report(node, `${node.type} is not in runtime 2.0`);
		if ((node.type.startsWith('Function') || node.type === 'ArrowFunctionExpression') && node.generator) report(node, 'generator function');
		if (node.type === 'Property' && (node.shorthand || node.computed || node.method))
			report(node, 'object shorthand, method or computed key (ES 6)');
		if (node.type === 'LogicalExpression' && node.operator === '??') report(node, '?? (ES 2020)');
		if (node.type === 'AssignmentExpression' && !ES5_ASSIGNMENTS.has(node.operator as string))
			report(node, `${String(node.operator)} (ES 2021)`);
		if ((node.type === 'MemberExpression' || node.type === 'CallExpression') && node.optional) report(node, 'optional chaining (ES 2020)');
		if (node.type === 'Literal' && (typeof node.value === 'bigint' || 'bigint' in node)) report(node, 'BigInt literal');
		if (node.type === 'RestElement' && !(parent && (parent.type.startsWith('Function') || parent.type === 'ArrowFunctionExpression'))) {
			report(node, 'rest element outside a parameter list (destructuring)');
		}
		for (const child of children(node)) visit(child, node);
	};
	visit(program, null);
	return problems;
}

interface CloudFrontRequest {
	method?: string;
	uri: string;
	querystring?: Record<string, { value: string; multiValue?: { value: string }[] }>;
	headers?: Record<string, { value: string }>;
}

interface CloudFrontResult {
	statusCode?: number;
	statusDescription?: string;
	headers?: Record<string, { value: string }>;
	uri?: string;
}

/** CloudFront's viewer-request event, as its documentation describes the event structure. */
function viewerRequestEvent(request: CloudFrontRequest) {
	return {
		version: '1.0',
		context: {
			distributionDomainName: 'd111111abcdef8.cloudfront.net',
			distributionId: 'EDFDVBD6EXAMPLE',
			eventType: 'viewer-request',
			requestId: 'test-request-id',
		},
		viewer: { ip: '198.51.100.11' },
		request: {
			method: request.method ?? 'GET',
			uri: request.uri,
			querystring: request.querystring ?? {},
			headers: { host: { value: 'd111111abcdef8.cloudfront.net' }, ...request.headers },
			cookies: {},
		},
	};
}

/** Loads the function the way CloudFront would: syntax first, then a context with only the language's own globals. */
export function loadCloudFrontFunction(source: string): (request: CloudFrontRequest) => Promise<CloudFrontResult> {
	const problems = unsupportedSyntax(source);
	if (problems.length) throw new Error(`The CloudFront Function uses syntax cloudfront-js-2.0 lacks:\n${problems.join('\n')}`);
	const context = createContext({});
	new Script(source, { filename: 'cloudfront-function.js' }).runInContext(context, { timeout: 1000 });
	const handler = context.handler as unknown;
	if (typeof handler !== 'function') throw new Error('The CloudFront Function defines no top-level function handler(event).');
	return async (request) => {
		const event = viewerRequestEvent(request);
		const result = (await (handler as (e: unknown) => Promise<CloudFrontResult>)(event)) ?? {};
		// A response object: CloudFront needs a numeric status and lower-case header names with { value }.
		if (result.statusCode !== undefined) {
			if (!Number.isInteger(result.statusCode)) throw new Error(`statusCode ${String(result.statusCode)} is not a number`);
			for (const [name, header] of Object.entries(result.headers ?? {})) {
				if (name !== name.toLowerCase() || typeof header?.value !== 'string')
					throw new Error(`header ${name} is not { value: string } under a lower-case name`);
			}
		}
		return result;
	};
}

interface CloudFrontResponse {
	statusCode: number;
	headers: Record<string, { value: string }>;
}

/** Loads a viewer-response function the same way, and calls it with CloudFront's viewer-response event for `response`. */
export function loadCloudFrontResponseFunction(source: string): (uri: string, response: CloudFrontResponse) => Promise<CloudFrontResponse> {
	const problems = unsupportedSyntax(source);
	if (problems.length) throw new Error(`The CloudFront Function uses syntax cloudfront-js-2.0 lacks:\n${problems.join('\n')}`);
	const context = createContext({});
	new Script(source, { filename: 'cloudfront-headers-function.js' }).runInContext(context, { timeout: 1000 });
	const handler = context.handler as (event: unknown) => Promise<CloudFrontResponse>;
	if (typeof handler !== 'function') throw new Error('The CloudFront Function defines no top-level function handler(event).');
	return async (uri, response) => {
		const { request, ...rest } = viewerRequestEvent({ uri });
		const event = { ...rest, context: { ...rest.context, eventType: 'viewer-response' }, request, response };
		const result = await handler(event);
		for (const [name, header] of Object.entries(result.headers)) {
			if (name !== name.toLowerCase() || typeof header?.value !== 'string')
				throw new Error(`header ${name} is not { value: string } under a lower-case name`);
		}
		return result;
	};
}
