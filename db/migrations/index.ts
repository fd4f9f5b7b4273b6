import type { Migration } from 'kysely';
import * as foundation from './2026-11-22T1500_foundation';
import * as realtime from './2026-11-23T0300_realtime';
import * as monitoring from './2026-11-23T0400_monitoring';
import * as appendOnly from './2026-11-23T0500_event_append_only';
import * as reportNotifications from './2026-12-06T0800_report_notifications';
import * as labelColours from './2026-12-06T0900_label_colours';
import * as email from './2026-12-06T1000_email';
import * as attachments from './2026-12-06T1100_attachments';
import * as commentKeys from './2026-12-06T1200_comment_keys';
import * as reportingCycles from './2026-12-06T1300_reporting_cycles';
import * as attachmentOwners from './2026-12-06T1400_attachment_owners';
import * as cardKeys from './2026-12-06T1500_card_keys';
import * as eventActorIndex from './2026-12-06T1510_event_actor_index';
import * as goalOutlineVersion from './2026-12-06T2130_goal_outline_version';

// Every migration, by name, in the order it runs. Listed by hand so the same list works in the
// bundled app and in the command-line scripts; a test checks it matches the folder.
export const migrations: Record<string, Migration> = {
	'2026-11-22T1500_foundation': foundation,
	'2026-11-23T0300_realtime': realtime,
	'2026-11-23T0400_monitoring': monitoring,
	'2026-11-23T0500_event_append_only': appendOnly,
	'2026-12-06T0800_report_notifications': reportNotifications,
	'2026-12-06T0900_label_colours': labelColours,
	'2026-12-06T1000_email': email,
	'2026-12-06T1100_attachments': attachments,
	'2026-12-06T1200_comment_keys': commentKeys,
	'2026-12-06T1300_reporting_cycles': reportingCycles,
	'2026-12-06T1400_attachment_owners': attachmentOwners,
	'2026-12-06T1500_card_keys': cardKeys,
	'2026-12-06T1510_event_actor_index': eventActorIndex,
	'2026-12-06T2130_goal_outline_version': goalOutlineVersion
};
