// The pseudonym an erased person's row gets. The e-mail ends in `.invalid`, which can never be
// delivered to (RFC 2606), and is how an erased person is told from the others.
export const erasedEmail = (id: number) => `erased-${id}@invalid`;
export const erasedName = (id: number) => `Osoba usunięta #${id}`;
export const isErasedEmail = (email: string) => /^erased-\d+@invalid$/.test(email);
export const ERASED_EMAIL_LIKE = 'erased-%@invalid';
