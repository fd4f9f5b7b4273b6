import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// The database as Kysely sees it, in camelCase (CamelCasePlugin maps it to snake_case).

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
	Date | null,
	Date | string | null | undefined,
	Date | string | null
>;
/** `date` columns travel as 'YYYY-MM-DD' strings (see the type parsers in db/index.ts). */
type DateString = ColumnType<string | null, string | null | undefined, string | null>;

export type OrganizationKind =
	| 'city_department'
	| 'city_unit'
	| 'public_institution'
	| 'county'
	| 'municipality'
	| 'ngo'
	| 'private'
	| 'informal_group';
export type InstanceRole = 'admin' | 'coordinator' | 'member';
export type MembershipRole = 'manager' | 'member';
export type GoalLevel = 'area' | 'strategic' | 'operational' | 'task';
export type StrategyStatus = 'draft' | 'current' | 'superseded';
export type ColumnStatus = 'todo' | 'in_progress' | 'blocked' | 'done';

export interface OrganizationTable {
	id: Generated<number>;
	name: string;
	shortName: string | null;
	kind: OrganizationKind;
	isCoordinator: Generated<boolean>;
	createdAt: Generated<Date>;
}

export interface UserTable {
	id: Generated<number>;
	email: string;
	name: string;
	passwordHash: string;
	role: ColumnType<InstanceRole, InstanceRole | undefined, InstanceRole>;
	locale: 'pl' | 'en' | null;
	disabledAt: NullableTimestamp;
	createdAt: Generated<Date>;
}

export interface MembershipTable {
	userId: number;
	organizationId: number;
	role: ColumnType<MembershipRole, MembershipRole | undefined, MembershipRole>;
}

export interface SessionTable {
	id: string;
	userId: number;
	expiresAt: Timestamp;
	createdAt: Generated<Date>;
}

export interface LoginAttemptTable {
	id: Generated<string>;
	email: string;
	address: string;
	attemptedAt: Timestamp;
}

export interface StrategyTable {
	id: Generated<number>;
	slug: string;
	title: string;
	owner: 'city' | 'county';
	periodStart: number;
	periodEnd: number;
	status: StrategyStatus;
	supersedesId: number | null;
	mission: string | null;
	createdAt: Generated<Date>;
	/** Moved by triggers whenever the strategy's goals change: the outline cache's key. */
	outlineVersion: Generated<number>;
}

export interface GoalTable {
	id: Generated<number>;
	strategyId: number;
	parentId: number | null;
	level: GoalLevel;
	code: string | null;
	title: string;
	description: string | null;
	position: ColumnType<number, number | undefined, number>;
	createdAt: Generated<Date>;
}

export interface GoalMappingTable {
	fromGoalId: number;
	toGoalId: number;
	note: string | null;
}

export interface BoardTable {
	id: Generated<number>;
	title: string;
	description: string | null;
	ownerOrganizationId: number;
	strategyId: number;
	isJoint: Generated<boolean>;
	/** Label → palette colour name (src/lib/schemas/label-colours.ts); JSON text on the way in. */
	labelColours: ColumnType<Record<string, string>, string | undefined, string>;
	archivedAt: NullableTimestamp;
	createdAt: Generated<Date>;
}

export interface BoardOrganizationTable {
	boardId: number;
	organizationId: number;
}

export interface BoardColumnTable {
	id: Generated<number>;
	boardId: number;
	title: string;
	status: ColumnStatus;
	position: string;
	wipLimit: number | null;
}

export interface CardTable {
	id: Generated<number>;
	boardId: number;
	columnId: number;
	goalId: number | null;
	title: string;
	description: Generated<string>;
	position: string;
	priority: ColumnType<'low' | 'normal' | 'high' | 'urgent', string | undefined, string>;
	labels: ColumnType<string[], string[] | undefined, string[]>;
	startDate: DateString;
	dueDate: DateString;
	isPublic: Generated<boolean>;
	version: Generated<number>;
	archivedAt: NullableTimestamp;
	createdBy: number | null;
	createdAt: Generated<Date>;
	updatedAt: Generated<Date>;
	/** An image attachment of the card shown as its cover, or none. */
	coverAttachmentId: Generated<number | null>;
	/** The quick add form's own key: the same send repeated finds this card, not a new one. */
	clientKey: ColumnType<string | null, string | null | undefined, never>;
}

/** A file on a card: its bytes are in the file store under `key` (src/lib/server/files/). */
export interface AttachmentTable {
	id: Generated<number>;
	key: string;
	/** The card it belongs to, or whose report or comment it belongs to (its visibility). */
	cardId: number;
	/** The activity report it is evidence of, or none. */
	reportId: number | null;
	/** The comment it was sent with, or none. */
	commentId: number | null;
	/** Whose quota it counts against. */
	organizationId: number | null;
	uploaderId: number | null;
	name: string;
	mime: string;
	size: number;
	width: number | null;
	height: number | null;
	hasThumbnail: Generated<boolean>;
	createdAt: Generated<Date>;
}

export interface CardOrganizationTable {
	cardId: number;
	organizationId: number;
	role: 'lead' | 'partner';
}

export interface CardAssigneeTable {
	cardId: number;
	userId: number;
}

export interface CommentTable {
	id: Generated<number>;
	cardId: number;
	authorId: number | null;
	body: string;
	createdAt: Generated<Date>;
	editedAt: NullableTimestamp;
	deletedAt: NullableTimestamp;
	/** The sending form's own key: the same send repeated finds this comment, not a new one. */
	clientKey: string | null;
}

export type IndicatorDirection = 'up' | 'down';
export type IndicatorAggregation = 'sum' | 'latest';
export type IndicatorFrequency = 'monthly' | 'quarterly' | 'yearly';

export interface IndicatorTable {
	id: Generated<number>;
	goalId: number;
	name: string;
	unit: string;
	baselineValue: number;
	baselineYear: number;
	targetValue: number;
	targetYear: number;
	direction: IndicatorDirection;
	aggregation: IndicatorAggregation;
	source: ColumnType<string, string | undefined, string>;
	frequency: IndicatorFrequency;
	responsibleOrganizationId: number | null;
	createdAt: Generated<Date>;
}

export type ReportStatus = 'draft' | 'submitted' | 'accepted' | 'returned';

export interface ActivityReportTable {
	id: Generated<number>;
	cardId: number;
	organizationId: number;
	authorId: number | null;
	status: ReportStatus;
	periodStart: string;
	periodEnd: string;
	summary: string;
	participants: number | null;
	outputs: ColumnType<string, string | undefined, string>;
	links: ColumnType<string[], string[] | undefined, string[]>;
	returnReason: string | null;
	reviewedBy: number | null;
	reviewedAt: NullableTimestamp;
	submittedAt: NullableTimestamp;
	version: ColumnType<number, number | undefined, number>;
	createdAt: Generated<Date>;
	updatedAt: Generated<Date>;
}

export interface IndicatorValueTable {
	id: Generated<number>;
	indicatorId: number;
	reportId: number | null;
	periodStart: string;
	periodEnd: string;
	value: number;
	source: ColumnType<string, string | undefined, string>;
	enteredBy: number | null;
	createdAt: Generated<Date>;
}

export type NotificationType =
	| 'assigned'
	| 'org_assigned'
	| 'mentioned'
	| 'commented'
	| 'due'
	| 'report_submitted'
	| 'report_returned'
	| 'report_accepted'
	| 'cycle_reminder';

export interface NotificationTable {
	id: Generated<number>;
	userId: number;
	type: NotificationType;
	/** Null only for a cycle_reminder, which names its cycle instead. */
	cardId: ColumnType<number | null, number | null | undefined, number | null>;
	/** For cycle_reminder: the reporting cycle it is about. */
	cycleId: ColumnType<number | null, number | null | undefined, number | null>;
	commentId: number | null;
	actorId: number | null;
	dueDate: string | null;
	/** For report_*: the report it is about. */
	reportId: ColumnType<number | null, number | null | undefined, number | null>;
	createdAt: Generated<Date>;
	readAt: NullableTimestamp;
	/** What e-mail made of it (email/producer.ts); null until the producer has looked at it. */
	emailState: ColumnType<
		'queued' | 'digest' | 'digested' | 'skipped' | null,
		'queued' | 'digest' | 'digested' | 'skipped' | null | undefined,
		'queued' | 'digest' | 'digested' | 'skipped' | null
	>;
}

export type EmailStatus = 'queued' | 'kept' | 'sending' | 'sent' | 'failed';
export type EmailMode = 'immediate' | 'daily' | 'never';

export interface EmailMessageTable {
	id: Generated<number>;
	source: string;
	userId: number | null;
	address: string;
	locale: 'pl' | 'en';
	kind: string;
	subject: string;
	html: string;
	text: string;
	/** JSON text on the way in. */
	headers: ColumnType<Record<string, string>, string | undefined, string>;
	status: EmailStatus;
	attempts: Generated<number>;
	nextAttemptAt: Generated<Date>;
	leaseUntil: NullableTimestamp;
	lastError: string | null;
	createdAt: Generated<Date>;
	sentAt: NullableTimestamp;
}

export interface EmailPreferenceTable {
	userId: number;
	kind: string;
	mode: EmailMode;
}

export interface EmailSecretTable {
	id: number;
	secret: string;
}

export type CycleStatus = 'open' | 'closed';

/** A reporting cycle (monitoring period) of a strategy: src/lib/server/cycles/. */
export interface ReportingCycleTable {
	id: Generated<number>;
	strategyId: number;
	title: string;
	periodStart: string;
	periodEnd: string;
	deadline: string;
	/** Empty: every goal of the strategy. */
	goalIds: ColumnType<number[], number[] | undefined, number[]>;
	remindBefore: ColumnType<number[], number[] | undefined, number[]>;
	remindAfter: ColumnType<number[], number[] | undefined, number[]>;
	status: ColumnType<CycleStatus, CycleStatus | undefined, CycleStatus>;
	openedBy: number | null;
	openedAt: Generated<Date>;
	closedBy: ColumnType<number | null, number | null | undefined, number | null>;
	closedAt: NullableTimestamp;
	/** At close (cycles/snapshot.ts); JSON text on the way in. */
	snapshot: ColumnType<unknown, string | null | undefined, string | null>;
}

/** One reminder of a cycle sent to one member of an organisation: written once. */
export interface ReportingCycleReminderTable {
	cycleId: number;
	organizationId: number;
	userId: number;
	step: string;
	notificationId: number | null;
	outstanding: number;
	createdAt: Generated<Date>;
}

export interface EventTable {
	/** bigserial: a string, so that ids past 2^53 stay exact. */
	id: Generated<string>;
	occurredAt: Generated<Date>;
	actorId: number | null;
	type: string;
	entityType: string;
	entityId: number;
	boardId: number | null;
	cardId: number | null;
	payload: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface Database {
	organization: OrganizationTable;
	user: UserTable;
	membership: MembershipTable;
	session: SessionTable;
	loginAttempt: LoginAttemptTable;
	strategy: StrategyTable;
	goal: GoalTable;
	goalMapping: GoalMappingTable;
	board: BoardTable;
	boardOrganization: BoardOrganizationTable;
	boardColumn: BoardColumnTable;
	card: CardTable;
	cardOrganization: CardOrganizationTable;
	cardAssignee: CardAssigneeTable;
	comment: CommentTable;
	attachment: AttachmentTable;
	event: EventTable;
	notification: NotificationTable;
	indicator: IndicatorTable;
	activityReport: ActivityReportTable;
	indicatorValue: IndicatorValueTable;
	emailMessage: EmailMessageTable;
	emailPreference: EmailPreferenceTable;
	emailSecret: EmailSecretTable;
	reportingCycle: ReportingCycleTable;
	reportingCycleReminder: ReportingCycleReminderTable;
}

export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Organization = Selectable<OrganizationTable>;
export type Strategy = Selectable<StrategyTable>;
export type Goal = Selectable<GoalTable>;
export type Session = Selectable<SessionTable>;
export type Event = Selectable<EventTable>;
