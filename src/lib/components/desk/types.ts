import type { ReportStatus } from '$lib/server/db/schema';

/** A report as the queues list it (reports/queue-repository.ts). */
export interface QueueReport {
	id: number;
	status: ReportStatus;
	periodStart: string;
	periodEnd: string;
	summary: string;
	returnReason: string | null;
	submittedAt: Date | string | null;
	reviewedAt: Date | string | null;
	updatedAt: Date | string;
	cardId: number;
	cardTitle: string;
	boardId: number;
	boardTitle: string;
	organizationName: string;
	organizationShortName: string | null;
	authorName: string | null;
	reviewerName: string | null;
}
