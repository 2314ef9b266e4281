// Passkeys (WebAuthn) for administrators: adding one on the account page and signing in with one
// on the second-factor page. An enhancement only: without it the TOTP form, recovery codes and
// the passkey list keep working. Uses @simplewebauthn/browser (served as the webauthn.js asset).
const lib = window.SimpleWebAuthnBrowser;
const msg = document.getElementById('passkey-messages')?.dataset ?? {};
const supported = Boolean(lib && lib.browserSupportsWebAuthn());

/** Shows errors ({ text, href }) in the page's GOV.UK error summary, creating it when the page has none. */
function showErrors(errors) {
  const main = document.getElementById('main-content');
  let summary = main.querySelector('.govuk-error-summary');
  if (!summary) {
    summary = document.createElement('div');
    summary.className = 'govuk-error-summary';
    summary.innerHTML =
      '<div role="alert"><h2 class="govuk-error-summary__title"></h2>' +
      '<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"></ul></div></div>';
    summary.querySelector('h2').textContent = msg.title;
    const flash = main.querySelector('.govuk-notification-banner');
    main.insertBefore(summary, flash ? flash.nextSibling : main.firstChild);
  }
  summary.setAttribute('tabindex', '-1');
  const list = summary.querySelector('.govuk-error-summary__list');
  list.replaceChildren(
    ...errors.map((e) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = e.href;
      a.textContent = e.text;
      li.append(a);
      return li;
    }),
  );
  for (const e of errors) markField(e.href.slice(1), e.text);
  if (!document.title.startsWith(`${msg.errorPrefix}:`)) document.title = `${msg.errorPrefix}: ${document.title}`;
  summary.focus();
}

/** The GOV.UK field error (red border and message above the input) for an input of the form. */
function markField(id, text) {
  const input = document.getElementById(id);
  const group = input && input.tagName === 'INPUT' ? input.closest('.govuk-form-group') : null;
  if (!group) return;
  group.classList.add('govuk-form-group--error');
  input.classList.add('govuk-input--error');
  const p = document.createElement('p');
  p.className = 'govuk-error-message';
  p.id = `${id}-error`;
  const hidden = document.createElement('span');
  hidden.className = 'govuk-visually-hidden';
  hidden.textContent = `${msg.errorPrefix}: `;
  p.append(hidden, text);
  input.before(p);
  input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), p.id].filter(Boolean).join(' '));
}

function clearFieldErrors(form) {
  for (const p of form.querySelectorAll('.govuk-error-message')) {
    const input = document.getElementById(p.id.replace(/-error$/, ''));
    if (input) {
      input.classList.remove('govuk-input--error');
      const rest = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((d) => d && d !== p.id);
      if (rest.length) input.setAttribute('aria-describedby', rest.join(' '));
      else input.removeAttribute('aria-describedby');
    }
    p.closest('.govuk-form-group')?.classList.remove('govuk-form-group--error');
    p.remove();
  }
}

/** A Ukrainian (or English) message for a failed browser ceremony. */
function ceremonyMessage(err, startedAt, timeout) {
  const name = err && err.name;
  if (name === 'AbortError') return msg.cancelled;
  if (name === 'NotAllowedError')
    return Date.now() - startedAt >= (timeout ?? 60000) * 0.95 ? msg.timeout : msg.notAllowed;
  if (name === 'InvalidStateError') return msg.exists;
  return msg.failed;
}

async function postJson(url, body, csrf) {
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify(body),
  });
  let data;
  try {
    data = await res.json();
  } catch {
    data = {};
  }
  return { ok: res.ok, data };
}

/** The server's refusal: go where it says (ended session) or show its messages. */
function refused(r, href) {
  if (r.data.redirect) {
    window.location.assign(r.data.redirect);
    return;
  }
  const errors =
    Array.isArray(r.data.errors) && r.data.errors.length
      ? r.data.errors
      : [{ text: (r.data.error && r.data.error.message) || msg.failed, href }];
  showErrors(errors);
}

/** Runs a ceremony: options from the server, the browser's dialogue, the answer back to the server. */
async function ceremony({ optionsUrl, optionsBody, run, answerUrl, csrf, href }) {
  const first = await postJson(optionsUrl, optionsBody, csrf);
  if (!first.ok) return refused(first, href);
  const options = first.data.options;
  const startedAt = Date.now();
  let response;
  try {
    response = await run({ optionsJSON: options });
  } catch (err) {
    return showErrors([{ text: ceremonyMessage(err, startedAt, options.timeout), href }]);
  }
  const answer = await postJson(answerUrl, { response }, csrf);
  if (answer.ok) return window.location.assign(answer.data.redirect);
  return refused(answer, href);
}

const register = document.querySelector('form[data-passkey-register]');
if (register) {
  const note = document.querySelector('[data-passkey-nojs]');
  if (!supported) {
    if (note) note.textContent = msg.unsupported;
  } else {
    note?.remove();
    register.hidden = false;
    const button = register.querySelector('#passkey-add');
    register.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (button.disabled) return;
      clearFieldErrors(register);
      button.disabled = true;
      const password = register.querySelector('#passkeyPassword');
      try {
        await ceremony({
          optionsUrl: '/account/passkeys/options',
          optionsBody: { passkeyName: register.querySelector('#passkeyName').value, passkeyPassword: password.value },
          run: lib.startRegistration,
          answerUrl: '/account/passkeys',
          csrf: register.querySelector('input[name="_csrf"]').value,
          href: '#passkey-add',
        });
      } catch {
        showErrors([{ text: msg.failed, href: '#passkey-add' }]);
      } finally {
        password.value = '';
        button.disabled = false;
      }
    });
  }
}

const login = document.querySelector('[data-passkey-login]');
if (login && supported) {
  login.hidden = false;
  const button = login.querySelector('#passkey-login');
  button.addEventListener('click', async () => {
    if (button.disabled) return;
    button.disabled = true;
    try {
      await ceremony({
        optionsUrl: '/login/passkey/options',
        optionsBody: {},
        run: lib.startAuthentication,
        answerUrl: '/login/passkey',
        csrf: login.dataset.csrf,
        href: '#passkey-login',
      });
    } catch {
      showErrors([{ text: msg.failed, href: '#passkey-login' }]);
    } finally {
      button.disabled = false;
    }
  });
}
