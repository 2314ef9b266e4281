/** The cabinet's forms and queries (resident pages and the office's linking and scanning forms). */
import { z } from 'zod';
import { field } from '../../platform/forms.js';
import { isUuid } from '../../platform/ids.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A hidden id the page itself put in the form: anything else is a bad request (never shown as a field error). */
const hiddenId = () => field.text().refine(isUuid);
const optionalHiddenId = () => field.optional().refine((v) => v === undefined || isUuid(v));

/** A box of the applicant's details typed by a resident without a registry link (kept to 200 characters for showing again). */
const applicantBox = () => field.text().transform((v) => v.slice(0, 200));

/** `?draft=` continues a saved draft of the online form. */
export const applyQuery = z.object({ draft: field.optional() });

/**
 * The online form besides its files: the form's key and draft (hidden), which button, the person,
 * the categories, the consent and, without a registry link, who applies. Each requirement's choice
 * from «Мої документи» (`pick-<id>`) and removal of a kept file (`remove-<id>`) arrive under names of
 * the service's documents, kept as text by `catchall`.
 */
export const applyForm = z
  .object({
    formKey: hiddenId(),
    draftId: optionalHiddenId(),
    action: field.text(),
    personId: field.optional(),
    categories: field.many().transform((l) => l.filter((x) => x.length > 0 && x.length <= 100)),
    consent: field.text().transform((v) => v === 'yes'),
    applicantLastName: applicantBox(),
    applicantFirstName: applicantBox(),
    applicantPatronymic: applicantBox(),
    'applicantBirthDate-day': applicantBox(),
    'applicantBirthDate-month': applicantBox(),
    'applicantBirthDate-year': applicantBox(),
    applicantRnokpp: applicantBox(),
    applicantPhone: applicantBox(),
  })
  .catchall(field.text());

/** The flash after a redirect to the application page. */
export const applicationQuery = z.object({
  saved: field.optional(),
  withdrawn: field.optional(),
  sent: field.optional(),
});

/** The answer to a request for documents: the request the page showed, and a library choice per requested document. */
export const respondForm = z.object({ requestId: hiddenId() }).catchall(field.text());

export const submitForm = z.object({ formKey: field.text().refine((v) => v.length > 0) });

/** The version the withdrawal page showed (a stale one is refused); absent or not a number: not checked. */
export const withdrawForm = z.object({
  version: field.text().transform((v) => {
    const n = Number.parseInt(v, 10);
    return Number.isFinite(n) ? n : undefined;
  }),
});

/** A document for the resident's library (the file itself arrives as an upload). */
export const documentForm = z.object({
  title: field.text().pipe(z.string().min(1, 'cabinet.documents.v.title').max(200, 'cabinet.documents.v.titleLong')),
});

export const documentsQuery = z.object({ done: field.optional() });

/** The office's link form: which person (a malformed id is not found), the account's e-mail, the ID check. */
export const linkTarget = z.object({ personId: hiddenId() });
export const linkValues = z.object({
  email: field.text(),
  checked: field.text(),
  nameConfirmed: field.text(),
  namesShown: field.text(),
});
export const linkForm = linkValues.extend({
  email: field.text().refine((v) => EMAIL.test(v) && v.length <= 254, 'cabinet.link.v.email'),
  checked: field.text().refine((v) => v === 'yes', 'cabinet.link.v.checked'),
});

/** A scan of a paper document: a requirement of the service card or `other` (named by `otherName`). */
export const scanForm = z.object({ requirement: field.text(), otherName: field.text() });

export const scannedQuery = z.object({ done: field.optional() });
