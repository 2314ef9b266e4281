// Test data factories: a test builds its data through these instead of SQL (see README.md).
export { DEMO_HROMADA, demoHromada, demoHromadaId, newHromada, type Hromada } from './hromada.js';
export { grant, signedIn, staffActor, staffUser, userId, type StaffOptions, type StaffUser } from './staff.js';
export { linkPerson, resident, residentId, type Resident, type ResidentOptions } from './resident.js';
export { person, type PersonOptions } from './person.js';
export { household, type HouseholdOptions, type Relation } from './household.js';
export { service, type Channel, type Service, type ServiceOptions } from './service.js';
export { application, type ApplicationOptions, type ApplicationStatus } from './application.js';
export { closeCase, kase, type CaseOptions } from './case.js';
export { passkey, type PasskeyOptions } from './passkey.js';
export { signal, type SignalOptions } from './signal.js';
export { agency, agencyOfUser } from './agency.js';
export { caseTeamMember } from './case-team.js';
export { serviceAct, type ServiceActOptions } from './service-act.js';
export { recipientContractFor, serviceAssignment, type ServiceAssignmentOptions } from './service-delivery.js';
export { everyDay, office, type OfficeOptions } from './office.js';
export { trip, type TripOptions } from './outreach.js';
