// Moved to ../registration.ts (not a use-case); kept for the cabinet's imports until they point there.
export { registration, processingDays } from '../registration.js';
