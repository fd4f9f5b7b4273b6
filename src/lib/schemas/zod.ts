import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

// Every schema imports z from here, so validation messages come in the user's language: the
// message is chosen when a value is parsed, in the locale of that request (or of the page).
z.config({
	customError: (issue) => {
		switch (issue.code) {
			case 'invalid_type':
				return issue.input === undefined || issue.input === null || issue.input === ''
					? m.error_required()
					: m.error_invalid();
			case 'too_small':
				if (issue.origin === 'string')
					return Number(issue.minimum) <= 1
						? m.error_required()
						: m.error_too_short({ min: Number(issue.minimum) });
				if (issue.origin === 'array') return m.error_required();
				return m.error_too_small({ min: Number(issue.minimum) });
			case 'too_big':
				if (issue.origin === 'string') return m.error_too_long({ max: Number(issue.maximum) });
				return m.error_too_big({ max: Number(issue.maximum) });
			case 'invalid_format':
				return issue.format === 'email' ? m.error_email() : m.error_invalid();
			case 'invalid_value':
				return m.error_invalid_choice();
			default:
				return undefined;
		}
	}
});

export { z };
