import type { APIRoute } from 'astro';
import { handlePolicy } from '../../../lib/checks/check-endpoint';

/** The minimal read-only IAM policy of `/check/` (`?partition=aws-cn` for other partitions). */
export const prerender = false;

export const GET: APIRoute = ({ request }) => handlePolicy(request);
