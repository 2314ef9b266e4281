// Small builders of govuk-frontend markup for the workstation's screens (the script builds its DOM itself: the
// shell holds no personal data). Every field has its label; errors follow the design system's pattern.

/** `h('p', { class: 'govuk-body' }, 'text', child, …)`; props starting with `on` are listeners. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Fills `{{name}}` placeholders of a text. */
export const fill = (text, vars = {}) => String(text).replace(/\{\{(\w+)\}\}/g, (_, k) => String(vars[k] ?? ''));

let errorPrefix = 'Помилка';
export const setErrorPrefix = (text) => {
  errorPrefix = text;
};

const errorMessage = (id, text) =>
  text
    ? h(
        'p',
        { class: 'govuk-error-message', id: `${id}-error` },
        h('span', { class: 'govuk-visually-hidden' }, `${errorPrefix}:`),
        ` ${text}`,
      )
    : null;

const describedBy = (id, hint, error) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || null;

const hintOf = (id, hint) => (hint ? h('div', { class: 'govuk-hint', id: `${id}-hint` }, hint) : null);

/** The error summary at the top of a form: links to the fields. Focus it after showing it. */
export function errorSummary(title, errors) {
  if (!errors.length) return null;
  return h(
    'div',
    { class: 'govuk-error-summary', tabindex: '-1', 'data-module': 'govuk-error-summary' },
    h(
      'div',
      { role: 'alert' },
      h('h2', { class: 'govuk-error-summary__title' }, title),
      h(
        'div',
        { class: 'govuk-error-summary__body' },
        h(
          'ul',
          { class: 'govuk-list govuk-error-summary__list' },
          errors.map((e) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  href: `#${e.field}`,
                  onclick: (ev) => {
                    ev.preventDefault();
                    document.getElementById(e.field)?.focus();
                  },
                },
                e.text,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

const group = (error, ...children) =>
  h('div', { class: `govuk-form-group${error ? ' govuk-form-group--error' : ''}` }, ...children);

/** A form group with the control's label, hint and error message above it. */
const labelled = ({ id, label, hint, error }, control) =>
  group(
    error,
    h('label', { class: 'govuk-label', for: id }, label),
    hintOf(id, hint),
    errorMessage(id, error),
    control,
  );

export function input({ id, label, hint, error, value = '', type = 'text', width, autocomplete, inputmode }) {
  return labelled(
    { id, label, hint, error },
    h('input', {
      class: `govuk-input${width ? ` govuk-input--width-${width}` : ''}${error ? ' govuk-input--error' : ''}`,
      id,
      name: id,
      type,
      value,
      autocomplete,
      inputmode,
      spellcheck: type === 'text' ? 'false' : null,
      'aria-describedby': describedBy(id, hint, error),
    }),
  );
}

export function textarea({ id, label, hint, error, value = '' }) {
  const ta = h('textarea', {
    class: `govuk-textarea${error ? ' govuk-textarea--error' : ''}`,
    id,
    name: id,
    rows: '4',
    'aria-describedby': describedBy(id, hint, error),
  });
  ta.value = value;
  return labelled({ id, label, hint, error }, ta);
}

export function select({ id, label, hint, error, items, value = '', onChange }) {
  const sel = h(
    'select',
    {
      class: `govuk-select${error ? ' govuk-select--error' : ''}`,
      id,
      name: id,
      'aria-describedby': describedBy(id, hint, error),
      onchange: onChange,
    },
    items.map((i) => h('option', { value: i.value, selected: i.value === value }, i.text)),
  );
  return labelled({ id, label, hint, error }, sel);
}

/** Radios in a fieldset; `items` `[{ value, text }]`, the first one's id is `id` (for the error summary's link). */
export function radios({ id, legend, hint, error, items, value = '', inline = false }) {
  return group(
    error,
    h(
      'fieldset',
      { class: 'govuk-fieldset', 'aria-describedby': describedBy(id, hint, error) },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, legend),
      hintOf(id, hint),
      errorMessage(id, error),
      h(
        'div',
        { class: `govuk-radios${inline ? ' govuk-radios--inline' : ''}`, 'data-module': 'govuk-radios' },
        items.map((item, i) => {
          const itemId = i === 0 ? id : `${id}-${String(i + 1)}`;
          return h(
            'div',
            { class: 'govuk-radios__item' },
            h('input', {
              class: 'govuk-radios__input',
              id: itemId,
              name: id,
              type: 'radio',
              value: item.value,
              checked: item.value === value,
            }),
            h('label', { class: 'govuk-label govuk-radios__label', for: itemId }, item.text),
          );
        }),
      ),
    ),
  );
}

export function checkbox({ id, label, error, checked = false }) {
  return group(
    error,
    errorMessage(id, error),
    h(
      'div',
      { class: 'govuk-checkboxes', 'data-module': 'govuk-checkboxes' },
      h(
        'div',
        { class: 'govuk-checkboxes__item' },
        h('input', {
          class: 'govuk-checkboxes__input',
          id,
          name: id,
          type: 'checkbox',
          value: 'yes',
          checked,
          'aria-describedby': error ? `${id}-error` : null,
        }),
        h('label', { class: 'govuk-label govuk-checkboxes__label', for: id }, label),
      ),
    ),
  );
}

/** A photographed or scanned document: the camera on a phone, a file (image or PDF) elsewhere. */
export function fileInput({ id, label, hint, error }) {
  return labelled(
    { id, label, hint, error },
    h('input', {
      class: `govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`,
      id,
      name: id,
      type: 'file',
      accept: 'image/*,application/pdf',
      capture: 'environment',
      'aria-describedby': describedBy(id, hint, error),
    }),
  );
}

export function button(text, { onClick, kind, type = 'button', id, describedby } = {}) {
  return h(
    'button',
    {
      type,
      id,
      class: `govuk-button${kind ? ` govuk-button--${kind}` : ''}`,
      'data-module': 'govuk-button',
      'aria-describedby': describedby,
      onclick: onClick,
    },
    text,
  );
}

export const buttonGroup = (...buttons) => h('div', { class: 'govuk-button-group' }, ...buttons);

/** A link-looking button (for moves inside the workstation that are not a page of the site). */
export const linkButton = (text, onClick, extra = {}) =>
  h('button', { type: 'button', class: 'tb-linkbutton tb-ws-link', onclick: onClick, ...extra }, text);

export function summaryList(rows) {
  return h(
    'dl',
    { class: 'govuk-summary-list' },
    rows
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) =>
        h(
          'div',
          { class: 'govuk-summary-list__row' },
          h('dt', { class: 'govuk-summary-list__key' }, k),
          h('dd', { class: 'govuk-summary-list__value' }, v),
        ),
      ),
  );
}

export function table({ caption, head, rows, id }) {
  return h(
    'table',
    { class: 'govuk-table', id },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--m' }, caption),
    h(
      'thead',
      { class: 'govuk-table__head' },
      h(
        'tr',
        { class: 'govuk-table__row' },
        head.map((x) => h('th', { scope: 'col', class: 'govuk-table__header' }, x)),
      ),
    ),
    h(
      'tbody',
      { class: 'govuk-table__body' },
      rows.map((r) =>
        h(
          'tr',
          { class: 'govuk-table__row' },
          r.map((c) => h('td', { class: 'govuk-table__cell' }, c)),
        ),
      ),
    ),
  );
}

/** The green «saved» banner: `role=alert`, focused by the caller so a screen reader says it. */
export function successBanner(title, heading, text) {
  return h(
    'div',
    {
      class: 'govuk-notification-banner govuk-notification-banner--success',
      role: 'alert',
      tabindex: '-1',
      'aria-labelledby': 'ws-banner-title',
      id: 'ws-banner',
    },
    h(
      'div',
      { class: 'govuk-notification-banner__header' },
      h('h2', { class: 'govuk-notification-banner__title', id: 'ws-banner-title' }, title),
    ),
    h(
      'div',
      { class: 'govuk-notification-banner__content' },
      h('p', { class: 'govuk-notification-banner__heading' }, heading),
      text ? h('p', { class: 'govuk-body' }, text) : null,
    ),
  );
}

export const tag = (text, colour) => h('strong', { class: `govuk-tag${colour ? ` govuk-tag--${colour}` : ''}` }, text);

export const warning = (text, label) =>
  h(
    'div',
    { class: 'govuk-warning-text' },
    h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
    h(
      'strong',
      { class: 'govuk-warning-text__text' },
      h('span', { class: 'govuk-visually-hidden' }, `${label}: `),
      text,
    ),
  );
