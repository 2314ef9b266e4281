// Moved to ../status-effects.ts (not a use-case); kept for the cabinet's imports until they point there.
export { applyEffects } from '../status-effects.js';
