import type { APIRoute } from 'astro';
import { handlePolicy, methodNotAllowed } from '../../../lib/http/check-endpoint';

/** The minimal read-only IAM policy of `/check/` (`?partition=aws-cn` for other partitions). */
export const prerender = false;

export const GET: APIRoute = ({ request }) => handlePolicy(request);
export const HEAD = GET;
export const ALL: APIRoute = ({ request }) => methodNotAllowed(request.method, 'GET, HEAD');
