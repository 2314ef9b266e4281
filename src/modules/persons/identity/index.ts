export { isIsoDate, toDisplayDate, type Sex } from './dates.js';
export {
  checkRnokpp,
  makeRnokpp,
  rnokppConsistency,
  RNOKPP_FIRST_BIRTH_DATE,
  RNOKPP_LAST_BIRTH_DATE,
  RNOKPP_MAX_SERIAL,
  type RnokppCheck,
  type RnokppMismatch,
  type RnokppProblem,
} from './rnokpp.js';
export { checkUnzr, makeUnzr, type UnzrCheck, type UnzrProblem } from './unzr.js';
export {
  normaliseMrz,
  parseMrz,
  MRZ_PROBLEMS,
  type MrzData,
  type MrzOptions,
  type MrzParse,
  type MrzProblem,
} from './mrz.js';
export { buildMrz, type MrzFields } from './mrz-build.js';
export { searchKey, transliterate } from './translit.js';
export { identityMessage, identityMessages, type IdentityLanguage, type IdentityProblemCode } from './messages.js';
