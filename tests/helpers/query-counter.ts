import type {
	KyselyPlugin,
	PluginTransformQueryArgs,
	PluginTransformResultArgs,
	QueryResult,
	RootOperationNode,
	UnknownRow
} from 'kysely';

/**
 * Counts the statements Kysely executes (begin and commit of a transaction are not among them):
 * on a local server each one is a round trip of a few tenths of a millisecond, which is what small
 * operations such as a move mostly spend their time on. Counted on the result, because Kysely also
 * runs transformQuery for a query builder used as a subquery, which is no statement of its own.
 */
export class QueryCounter implements KyselyPlugin {
	count = 0;

	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		return args.node;
	}

	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		this.count++;
		return args.result;
	}

	/** The statements `fn` sends. */
	async countOf(fn: () => Promise<unknown>): Promise<number> {
		const before = this.count;
		await fn();
		return this.count - before;
	}
}
