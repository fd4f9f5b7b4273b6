// Fields a forged form or JSON body adds to take what it may not: a role, another organisation,
// board, card or author, a status, a version, an id. None of them is taken from the body unless
// the schema names it (and then the service checks it against the session and the URL).
export const EXTRA_FIELDS: Readonly<Record<string, string>> = {
	role: 'admin',
	isCoordinator: 'true',
	isAdmin: 'true',
	organizationId: '1',
	ownerOrganizationId: '1',
	boardId: '1',
	cardId: '1',
	columnId: '1',
	leadId: '1',
	authorId: '1',
	createdBy: '1',
	reviewedBy: '1',
	userId: '1',
	status: 'accepted',
	version: '1',
	id: '1',
	archivedAt: '2020-01-01',
	deletedAt: '2020-01-01',
	passwordHash: 'x',
	__proto__: 'x',
	constructor: 'x'
};
