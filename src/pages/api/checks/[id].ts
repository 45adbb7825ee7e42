import type { APIRoute } from 'astro';
import { handleCheck } from '../../../lib/http/check-endpoint';

/** Every live check, by id (`src/lib/checks/registry.ts`); GET or POST as the check declares. */
export const prerender = false;

export const GET: APIRoute = ({ params, request, clientAddress }) => handleCheck(params.id ?? '', { request, clientAddress });
export const POST: APIRoute = GET;
