import { nameTokens } from '../persons/persons.tokens.js';

/**
 * The account's name agrees with the person's when every word of it (normalised: Latin/Cyrillic,
 * apostrophes, case) is a word of the person's full name — «Марія Коваль» agrees with «Коваль Марія
 * Іванівна», «Марія Шевченко» does not.
 */
export function namesAgree(accountName: string, personName: string): boolean {
  const account = nameTokens(accountName);
  const person = new Set(nameTokens(personName));
  return account.length > 0 && account.every((t) => person.has(t));
}
