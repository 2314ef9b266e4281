import type { TFunction } from 'i18next';

/**
 * The texts the workstation's script shows, in the page's language (the subtree `workstation.app` of the locales).
 * Placeholders stay as `{{name}}` for the script to fill in.
 */
export function workstationTexts(t: TFunction): Record<string, unknown> {
  return t('workstation.app', { returnObjects: true, skipInterpolation: true }) as Record<string, unknown>;
}
