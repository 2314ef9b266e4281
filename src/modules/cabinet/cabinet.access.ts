/**
 * Moved to `cabinet.policy.ts` (issue 10); this re-export only keeps the other modules that still
 * import from here working until they import the policy. Nothing in the cabinet imports it.
 */
export { isUuid } from '../../platform/ids.js';
export { byHromada, linksOf, livePersonIds, requireResident, residentHromadas, withOwnApplication, type Link } from './cabinet.policy.js';
