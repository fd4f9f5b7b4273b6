import { error } from '@sveltejs/kit';
import { parseReportPeriod } from '$lib/schemas/monitoring-report';
import type { Actor } from '../auth/policy';
import { db } from '../db/app';
import { handleDomain, translate } from '../http';
import { monitoringReport } from './report';

/** The report of a request: its strategy from the URL, its period from the query string. */
export async function reportOfRequest(actor: Actor, slug: string, query: URLSearchParams) {
	const period = parseReportPeriod(query);
	if (!period.success) error(400, translate('error_period_order'));
	return handleDomain(() => monitoringReport(db(), actor, slug, period.data));
}

export const fileName = (report: {
	strategy: { slug: string };
	period: { from: string; to: string };
}) => `raport-monitoringowy-${report.strategy.slug}-${report.period.from}-${report.period.to}`;
