import type { APIRoute } from 'astro';
import { methodNotAllowed } from '../../../lib/http/check-endpoint';
import { handlePolicy } from '../../../lib/aws/mfa-endpoint';

/** The minimal read-only IAM policy the live check needs (`?partition=aws-cn` for other partitions). */
export const prerender = false;

export const GET: APIRoute = ({ request }) => handlePolicy(request);
export const HEAD = GET;
export const ALL: APIRoute = ({ request }) => methodNotAllowed(request.method, 'GET, HEAD');
