import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { isLocale } from '../../platform/i18n.js';
import { findProfile } from './profile/profile.queries.js';

const YEAR = 365 * 24 * 3600;

/** Sets the interface language cookie (the same one the language switch uses). */
export function setLanguage(services: Pick<Services, 'config'>, reply: FastifyReply, locale: string) {
  if (!isLocale(locale)) return;
  reply.setCookie('lang', locale, {
    path: '/',
    maxAge: YEAR,
    sameSite: 'lax',
    httpOnly: true,
    secure: services.config.secure,
  });
}

/**
 * Sets the remembered accessibility settings (the same `a11y` cookie as the public settings page),
 * so every following request renders with the resident's text size and contrast.
 */
export function setAccessibility(
  services: Pick<Services, 'config'>,
  reply: FastifyReply,
  textSize: string,
  contrast: string,
) {
  reply.setCookie('a11y', `${textSize}.${contrast}`, {
    path: '/',
    maxAge: YEAR,
    sameSite: 'lax',
    httpOnly: true,
    secure: services.config.secure,
  });
}

/**
 * Signs a resident in: ends the session this browser had, starts a new one (new token, so a
 * fixed session id is useless), applies their language and the accessibility settings of their
 * profile, and goes to the cabinet.
 * Residents have no second factor, so the session is complete at once.
 */
export async function signInResident(
  services: Pick<Services, 'sessions' | 'config' | 'db'>,
  req: FastifyRequest,
  reply: FastifyReply,
  user: { userId: string; locale: string },
) {
  if (req.session) await services.sessions.destroy(reply, req.session.idHash);
  await services.sessions.create(reply, {
    userId: user.userId,
    hromadaId: null,
    mfaPassed: true,
    ip: req.ip,
    userAgent: req.headers['user-agent'],
  });
  setLanguage(services, reply, user.locale);
  const profile = await findProfile(services.db, user.userId);
  if (profile) setAccessibility(services, reply, profile.text_size, profile.contrast);
  return reply.redirect('/cabinet', 303);
}
