import type { APIRoute } from 'astro';
import { handleCheck } from '../../../lib/http/check-endpoint';

/** Every live check, by id (`src/lib/checks/registry.ts`); every method, so a wrong one gets a JSON 405. */
export const prerender = false;

export const ALL: APIRoute = ({ params, request, clientAddress }) => handleCheck(params.id ?? '', { request, clientAddress });
