import type { APIRoute } from 'astro';
import { handlePolicy } from '../../../lib/aws/mfa-endpoint';

/** The minimal read-only IAM policy the live check needs (`?partition=aws-cn` for other partitions). */
export const prerender = false;

export const GET: APIRoute = ({ request }) => handlePolicy(request);
