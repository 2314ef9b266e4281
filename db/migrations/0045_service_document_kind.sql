-- Each document of a service card is one of: required (the applicant must give it), optional
-- (given if the applicant has it), or filled in by the office together with the applicant (such as
-- «Заява про надання соціальних послуг (заповнюємо разом із вами)»: not asked for online). It
-- replaces the boolean `required`. `obtained_by_office` stays: the office gets those documents from
-- registries itself, whatever their kind.
ALTER TABLE service_documents ADD COLUMN kind text;
UPDATE service_documents SET kind = CASE WHEN required THEN 'required' ELSE 'optional' END;
-- The application form itself is written with the applicant in the office, and a crisis service
-- starts from a report taken by the office (the seeded catalogue's wording).
UPDATE service_documents SET kind = 'office_fills'
WHERE (name ILIKE 'Заява про надання соціальн%' AND name ILIKE '%заповнюємо разом%')
   OR name ILIKE 'Повідомлення (усне, телефоном або письмове)%';
ALTER TABLE service_documents ALTER COLUMN kind SET NOT NULL;
ALTER TABLE service_documents ALTER COLUMN kind SET DEFAULT 'required';
ALTER TABLE service_documents ADD CONSTRAINT service_documents_kind_check CHECK (kind IN ('required', 'optional', 'office_fills'));
ALTER TABLE service_documents DROP COLUMN required;
