import { db } from '$lib/server/db/app';
import { listStrategies } from '$lib/server/goals/repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ strategies: await listStrategies(db()) });
