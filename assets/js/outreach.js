// The offline outreach workstation (decision 0036 part 5). The shell page (no personal data) gives the trip's id, the
// signed-in worker's id and the texts; this script downloads the trip's package for the worker's password, keeps it
// and everything done on the trip encrypted in IndexedDB (outreach/vault.js), works without a connection (the service
// worker outreach-sw.js keeps the shell and its assets), and sends the log of operations when online (outreach/sync.js).
// Every change is on disk before the screen says «Збережено».
import { sweep, tripsOnDevice, Vault, WrongPassword, b64 } from './outreach/vault.js';
import {
  displayDate,
  fullName,
  isoDate,
  kyivInstant,
  kyivToday,
  personKey,
  personOnWire,
  project,
  search,
} from './outreach/model.js';
import { errorMessage, freshCsrf, learnConflicts, SyncStopped, syncOps } from './outreach/sync.js';
// The registry's own РНОКПП rule (pure code, bundled): the device refuses a mistyped number as the office does.
import { checkRnokpp } from '../../src/modules/persons/identity/rnokpp.js';
import {
  button,
  buttonGroup,
  checkbox,
  errorSummary,
  fileInput,
  fill,
  h,
  input,
  linkButton,
  radios,
  select,
  setErrorPrefix,
  successBanner,
  summaryList,
  table,
  tag,
  textarea,
  warning,
} from './outreach/dom.js';

const CACHE = 'turbota-outreach-v1';
const MAX_DOCUMENT = 10 * 1024 * 1024;
/** The documents of one application together (base64 adds a third; the sync's body limit is 16 MB). */
const MAX_DOCUMENTS = 11 * 1024 * 1024;
const PHONE = /^\+?[\d\s()-]{7,20}$/;

const root = document.getElementById('workstation');
if (root) void start(root);
const onDevice = document.getElementById('ws-on-device');
if (onDevice) void listOnDevice(onDevice);

/**
 * The page of the workstations on this device (the installed app's start without a connection): a link to each trip
 * whose data is stored here and whose workstation page is kept for offline use, named as that page names the trip.
 */
async function listOnDevice(box) {
  const items = [];
  for (const tripId of await tripsOnDevice()) {
    const path = `/outreach/trips/${tripId}/workstation`;
    const kept = 'caches' in window ? await caches.match(path) : undefined;
    if (!kept) continue;
    const page = new DOMParser().parseFromString(await kept.text(), 'text/html');
    items.push({ path, title: page.querySelector('.govuk-caption-l')?.textContent.trim() || tripId });
  }
  box.replaceChildren(
    items.length
      ? h(
          'ul',
          { class: 'govuk-list govuk-list--bullet' },
          items.map((i) => h('li', {}, h('a', { class: 'govuk-link', href: i.path }, i.title))),
        )
      : h('p', { class: 'govuk-body' }, box.dataset.none),
  );
}

async function start(root) {
  const T = JSON.parse(document.getElementById('workstation-text').textContent);
  /** A text by its path (`sync.progress`), with `{{name}}` placeholders filled. */
  const tx = (path, vars) => fill(path.split('.').reduce((o, k) => o?.[k], T) ?? path, vars);
  setErrorPrefix(tx('errorPrefix'));
  const cfg = {
    tripId: root.dataset.tripId,
    workerId: root.dataset.workerId,
    planned: root.dataset.planned === 'yes',
    expiryDays: root.dataset.expiryDays,
    idleMinutes: Number(root.dataset.idleMinutes) > 0 ? Number(root.dataset.idleMinutes) : 10,
    urls: {
      package: root.dataset.packageUrl,
      sync: root.dataset.syncUrl,
      csrf: root.dataset.csrfUrl,
      trip: root.dataset.tripUrl,
      conflicts: root.dataset.conflictsUrl,
      conflictOutcomes: root.dataset.conflictOutcomesUrl,
    },
  };

  // ---- the page frame: connection and offline readiness (live), then the current screen ----
  const connection = h('p', { class: 'govuk-body-s', id: 'ws-connection', role: 'status' });
  const readiness = h('p', { class: 'govuk-body-s', id: 'ws-offline-ready' });
  const screen = h('div', { id: 'ws-screen' });
  const showConnection = () => {
    connection.textContent = navigator.onLine ? tx('online') : tx('offline');
  };
  showConnection();
  addEventListener('online', showConnection);
  addEventListener('offline', showConnection);
  root.replaceChildren(h('div', { class: 'tb-ws-status' }, connection, readiness), screen);
  void prepareOffline(readiness, tx);

  /** Shows a screen and moves focus to `focus` (a banner, an error summary or the screen's heading). */
  const show = (nodes, focus) => {
    screen.replaceChildren(...nodes.flat().filter(Boolean));
    const target = focus ?? screen.querySelector('h2');
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
    }
  };
  const heading = (text, id) => h('h2', { class: 'govuk-heading-m', id }, text);
  const para = (text, extra = {}) => h('p', { class: 'govuk-body', ...extra }, text);

  // ---- state ----
  const vault = new Vault(cfg.tripId);
  let pkg = null;
  let records = [];
  let view = null;
  let syncing = false;
  let lastSearch = '';

  const reload = async () => {
    records = await vault.ops();
    view = project(pkg, records);
  };
  const unsynced = () => records.filter((r) => r.state !== 'done').length;

  // ---- the idle lock: a device left unattended does not keep showing (or holding) the residents' data ----
  // After `idleMinutes` without the worker touching the page, or as soon as the page comes back from being hidden
  // (another tab, the screen off) for that long, the data key and everything decrypted are dropped and the password
  // is asked again. Nothing stored is touched. A sync under way is not cut: the lock waits for it to end.
  const idleMs = cfg.idleMinutes * 60_000;
  let lastActivity = Date.now();
  let idleTimer = null;
  let lockDue = false;
  const armIdle = (delay) => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(checkIdle, delay);
  };
  function checkIdle() {
    idleTimer = null;
    lockDue = false;
    if (!vault.key) return;
    const quiet = Date.now() - lastActivity;
    if (quiet < idleMs) return armIdle(idleMs - quiet);
    if (syncing) {
      lockDue = true;
      return;
    }
    lock();
  }
  /** Called once the data is open: the idle time counts from now. */
  const watchIdle = () => {
    lastActivity = Date.now();
    armIdle(idleMs);
  };
  function lock() {
    clearTimeout(idleTimer);
    idleTimer = null;
    vault.lock();
    pkg = null;
    records = [];
    view = null;
    lastSearch = '';
    // Off the screen at once (the unlock screen reads the store before it shows).
    screen.replaceChildren();
    void screenUnlock(null, tx('unlock.idle', { minutes: cfg.idleMinutes }));
  }
  for (const type of ['keydown', 'pointerdown', 'input', 'wheel', 'scroll']) {
    addEventListener(
      type,
      () => {
        lastActivity = Date.now();
      },
      { capture: true, passive: true },
    );
  }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    // Timers may not have run while hidden: back after the idle time, the lock comes first.
    if (vault.key && Date.now() - lastActivity >= idleMs) checkIdle();
    else lastActivity = Date.now();
  });

  // ---- start: wipe what must go, then unlock or download ----
  const wiped = await sweep(cfg.workerId);
  const startNotice = wiped.expired.includes(cfg.tripId)
    ? tx('wipedExpired')
    : wiped.otherWorker.length
      ? tx('wipedOtherWorker')
      : null;
  if (await vault.meta()) screenUnlock(null, startNotice);
  else screenDownload(null, startNotice);

  // ================= download and unlock =================

  function noticeOf(text) {
    return text ? h('div', { class: 'govuk-inset-text', id: 'ws-notice' }, text) : null;
  }

  function passwordForm({ id, submitText, onSubmit, error }) {
    const form = h(
      'form',
      { novalidate: true, id },
      input({
        id: 'ws-password',
        label: tx('password.label'),
        hint: tx('password.hint'),
        type: 'password',
        autocomplete: 'current-password',
        width: '20',
        error,
      }),
      button(submitText, { type: 'submit' }),
      h('p', { class: 'govuk-body', role: 'status', id: `${id}-status` }),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const status = form.querySelector('[role=status]');
      const submit = form.querySelector('button[type=submit]');
      submit.disabled = true;
      status.textContent = tx('working');
      void onSubmit(form.querySelector('#ws-password').value)
        .catch(() => {
          if (form.isConnected) status.dataset.failed = 'yes';
        })
        .finally(() => {
          if (form.isConnected) {
            submit.disabled = false;
            status.textContent = status.dataset.failed ? tx('failed') : '';
            delete status.dataset.failed;
          }
        });
    });
    return form;
  }

  function screenDownload(error, notice, replacing = false) {
    const summary = error ? errorSummary(tx('errorTitle'), [{ field: 'ws-password', text: error }]) : null;
    show(
      [
        summary,
        noticeOf(notice),
        heading(replacing ? tx('download.refreshTitle') : tx('download.title')),
        cfg.planned
          ? [
              para(tx('download.lead', { days: cfg.expiryDays })),
              replacing ? para(tx('download.refreshLead')) : null,
              passwordForm({
                id: 'ws-download',
                submitText: tx('download.submit'),
                error,
                onSubmit: (password) => download(password, replacing),
              }),
            ]
          : h('div', { class: 'govuk-inset-text' }, tx('download.notPlanned')),
        replacing ? linkButton(tx('back'), () => screenHome()) : null,
      ],
      summary ?? (notice ? screen.querySelector('#ws-notice') : null),
    );
  }

  async function download(password, replacing) {
    if (!password) return screenDownload(tx('password.empty'), null, replacing);
    if (!navigator.onLine) return screenDownload(tx('download.offline'), null, replacing);
    // A new package closes the earlier one on the server: nothing unsynced may be left behind.
    if ((await vault.unsyncedCount()) > 0) return screenDownload(tx('download.unsynced'), null, replacing);
    let res;
    try {
      const csrf = await freshCsrf(cfg.urls.csrf, T.sync);
      res = await fetch(cfg.urls.package, {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ password }),
      });
    } catch (e) {
      return screenDownload(e instanceof SyncStopped ? e.message : tx('download.offline'), null, replacing);
    }
    if (!res.ok) return screenDownload(await errorMessage(res, tx('download.failed')), null, replacing);
    const body = await res.json();
    await vault.create(password, body.token, body.package);
    pkg = body.package;
    await reload();
    watchIdle();
    screenHome(tx('download.done'), tx('download.doneText', { date: displayDate(pkg.expiresAt.slice(0, 10)) }));
  }

  async function screenUnlock(error, notice) {
    const meta = await vault.meta();
    const waiting = await vault.unsyncedCount();
    const summary = error ? errorSummary(tx('errorTitle'), [{ field: 'ws-password', text: error }]) : null;
    show(
      [
        summary,
        noticeOf(notice),
        heading(tx('unlock.title')),
        para(tx('unlock.lead', { date: displayDate(meta.expiresAt.slice(0, 10)) })),
        waiting ? para(tx('unlock.unsynced', { n: waiting })) : null,
        passwordForm({ id: 'ws-unlock', submitText: tx('unlock.submit'), error, onSubmit: unlock }),
        button(tx('wipe.button'), { kind: 'warning', onClick: () => screenWipe(false) }),
      ],
      summary ?? (notice ? screen.querySelector('#ws-notice') : null),
    );
  }

  async function unlock(password) {
    if (!password) return screenUnlock(tx('password.empty'));
    try {
      await vault.unlock(password);
    } catch (e) {
      if (e instanceof WrongPassword) return screenUnlock(tx('password.wrong'));
      throw e;
    }
    pkg = await vault.read('package');
    await reload();
    watchIdle();
    screenHome();
  }

  // ================= wipe =================

  async function screenWipe(unlocked) {
    const waiting = await vault.unsyncedCount();
    show([
      heading(tx('wipe.title')),
      waiting ? warning(tx('wipe.unsynced', { n: waiting }), tx('warningLabel')) : para(tx('wipe.lead')),
      buttonGroup(
        button(tx('wipe.confirm'), {
          kind: 'warning',
          onClick: async () => {
            await vault.wipe();
            pkg = null;
            records = [];
            view = null;
            screenDownload(null, tx('wipe.done'));
          },
        }),
        button(tx('cancel'), { kind: 'secondary', onClick: () => (unlocked ? screenHome() : screenUnlock()) }),
      ),
    ]);
  }

  // ================= home: route, search, sync =================

  function personLink(p, extra) {
    return linkButton(fullName(p), () => screenPerson(p.key), extra);
  }

  const outcomeTag = (outcome) =>
    outcome ? tag(tx(`outcome.${outcome}`), outcome === 'served' ? 'green' : 'grey') : null;

  function routeList() {
    if (!view.stops.length) return para(tx('home.noStops'));
    return h(
      'ol',
      { class: 'govuk-list govuk-list--number', id: 'ws-route' },
      view.stops.map((s) => {
        const p = view.persons.get(s.personId);
        return h(
          'li',
          {},
          p ? personLink(p) : tx('home.unknownPerson'),
          s.outcome ? [' ', outcomeTag(s.outcome)] : null,
          s.address ? h('br') : null,
          s.address ? h('span', { class: 'govuk-body-s' }, s.address) : null,
          s.reason ? h('br') : null,
          s.reason ? h('span', { class: 'govuk-body-s' }, s.reason) : null,
        );
      }),
    );
  }

  function searchResults(query) {
    if (!query) return null;
    const found = search(view.persons, query);
    return h(
      'div',
      { id: 'ws-results' },
      h(
        'p',
        { class: 'govuk-body', role: 'status' },
        found.length ? tx('search.found', { n: found.length }) : tx('search.none'),
      ),
      found.length
        ? h(
            'ul',
            { class: 'govuk-list' },
            found.map((p) =>
              h(
                'li',
                {},
                personLink(p),
                p.birthDate ? `, ${displayDate(p.birthDate)}` : '',
                p.settlementName ? `, ${p.settlementName}` : '',
                p.local ? [' ', tag(tx('person.local'), 'yellow')] : null,
              ),
            ),
          )
        : null,
    );
  }

  function opState(rec) {
    const a = rec.answer;
    if (rec.state === 'pending') return tag(tx('state.pending'), 'grey');
    if (rec.state === 'sent' || !a) return tag(tx('state.sent'), 'yellow');
    if (a.status === 'applied' || a.status === 'repeated') {
      const n = a.result?.registrationNumber;
      return [tag(tx(`state.${a.status}`), 'green'), n ? ` ${tx('state.number', { n })}` : ''];
    }
    if (a.status === 'conflict' && a.resolved) return tag(tx('state.resolved'), 'green');
    if (a.status === 'conflict')
      return [
        tag(tx('state.conflict'), 'orange'),
        ' ',
        h('a', { class: 'govuk-link', href: a.conflictUrl }, tx('state.resolve')),
      ];
    return [tag(tx('state.refused'), 'red'), ` ${a.message ?? ''}`, a.fixed ? ` (${tx('state.fixed')})` : ''];
  }

  function opsTable(list, caption, id) {
    if (!list.length) return null;
    return table({
      id,
      caption,
      head: [tx('ops.what'), tx('ops.when'), tx('ops.state')],
      rows: list.map((r) => [
        r.label,
        // дд.мм.рррр, ГГ:ХХ (Kyiv time)
        new Date(r.op.at).toLocaleString('uk-UA', {
          timeZone: 'Europe/Kyiv',
          day: '2-digit',
          month: '2-digit',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
        }),
        h('span', {}, opState(r)),
      ]),
    });
  }

  function syncSection() {
    const waiting = unsynced();
    const progress = h('p', { class: 'govuk-body', id: 'ws-sync-progress', role: 'status', 'aria-live': 'polite' });
    const conflicts = records.some((r) => r.answer?.status === 'conflict' && !r.answer.resolved);
    const section = h(
      'section',
      { 'aria-labelledby': 'ws-sync-h', id: 'ws-sync' },
      heading(tx('sync.title'), 'ws-sync-h'),
      para(waiting ? tx('sync.waiting', { n: waiting }) : tx('sync.nothing'), { id: 'ws-unsynced' }),
      waiting || conflicts
        ? button(waiting ? tx('sync.button') : tx('sync.checkConflicts'), { onClick: () => void runSync(progress) })
        : null,
      progress,
      opsTable(records, tx('ops.caption'), 'ws-ops'),
      conflicts ? para(h('a', { class: 'govuk-link', href: cfg.urls.conflicts }, tx('sync.allConflicts'))) : null,
    );
    return section;
  }

  function screenHome(bannerHeading, bannerText) {
    const banner = bannerHeading ? successBanner(tx('saved'), bannerHeading, bannerText) : null;
    const q = input({ id: 'ws-q', label: tx('search.label'), hint: tx('search.hint'), value: lastSearch, width: '20' });
    const results = h('div', {}, searchResults(lastSearch));
    const form = h(
      'form',
      { novalidate: true, role: 'search', 'aria-labelledby': 'ws-search-h' },
      q,
      button(tx('search.submit'), { type: 'submit', kind: 'secondary' }),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      lastSearch = form.querySelector('#ws-q').value.trim();
      results.replaceChildren(searchResults(lastSearch) ?? '');
      results.querySelector('[role=status]')?.setAttribute('tabindex', '-1');
      results.querySelector('[role=status]')?.focus();
    });
    show(
      [
        banner,
        h('p', { class: 'govuk-body' }, tx('home.lead', { title: pkg.trip.title, date: displayDate(pkg.trip.date) })),
        heading(tx('home.route'), 'ws-route-h'),
        routeList(),
        heading(tx('search.title'), 'ws-search-h'),
        form,
        results,
        may('register') ? button(tx('person.new'), { kind: 'secondary', onClick: () => screenPersonForm() }) : null,
        syncSection(),
        heading(tx('device.title')),
        para(tx('device.lead', { date: displayDate(pkg.expiresAt.slice(0, 10)) })),
        buttonGroup(
          unsynced() === 0 && cfg.planned
            ? button(tx('device.refresh'), { kind: 'secondary', onClick: () => screenDownload(null, null, true) })
            : null,
          button(tx('wipe.button'), { kind: 'warning', onClick: () => screenWipe(true) }),
        ),
      ],
      banner ?? screen.querySelector('#ws-route-h'),
    );
  }

  async function runSync(progress) {
    if (syncing) return;
    syncing = true;
    try {
      await sendOps(progress);
    } finally {
      syncing = false;
      // An idle lock that fell due meanwhile waited for the sync and the redrawn screen.
      if (lockDue) checkIdle();
    }
  }

  async function sendOps(progress) {
    progress.textContent = tx('sync.starting');
    const syncButton = progress.parentElement.querySelector('button');
    if (syncButton) syncButton.disabled = true;
    let outcome;
    let signIn = false;
    try {
      if (!navigator.onLine) throw new SyncStopped(tx('sync.offline'), 0);
      let total = 0;
      const sent = await syncOps({
        vault,
        urls: cfg.urls,
        texts: T.sync,
        onProgress: (done, all) => {
          total = all;
          progress.textContent = tx('sync.progress', { done, total: all });
        },
      });
      // Then what became of the conflicts (a resolved one brings the resident as the resolution left them).
      const learned = await learnConflicts({ vault, urls: cfg.urls, texts: T.sync });
      outcome = [
        total ? tx('sync.finished', { done: sent, total }) : null,
        learned ? tx('sync.learned', { n: learned }) : total ? null : tx('sync.noneResolved'),
      ]
        .filter(Boolean)
        .join(' ');
    } catch (e) {
      if (!(e instanceof SyncStopped)) throw e;
      outcome = tx('sync.stopped', { message: e.message });
      signIn = e.status === 401;
    }
    await reload();
    // The section is drawn again (the table's states changed); the outcome stays in the live region.
    const section = screen.querySelector('#ws-sync');
    const fresh = syncSection();
    section?.replaceWith(fresh);
    const live = fresh.querySelector('#ws-sync-progress');
    live.textContent = outcome;
    // The session is gone: the data stays on the device; after signing in the sync goes on from where it stopped.
    if (signIn) live.after(para(h('a', { class: 'govuk-link', href: '/login' }, tx('sync.signIn'))));
    live.setAttribute('tabindex', '-1');
    live.focus();
  }

  // ================= a person =================

  const sexText = (s) => (s ? tx(`sex.${s}`) : null);
  const address = (p) =>
    [
      p.settlementName,
      p.street,
      p.house ? tx('person.house', { n: p.house }) : null,
      p.apartment ? tx('person.apartment', { n: p.apartment }) : null,
    ]
      .filter(Boolean)
      .join(', ');

  function screenPerson(key, bannerHeading, bannerText) {
    const p = view.persons.get(key);
    if (!p) return screenHome();
    const banner = bannerHeading ? successBanner(tx('saved'), bannerHeading, bannerText) : null;
    // Registered here and refused by the server (e.g. a РНОКПП already in the registry): fixed and sent again.
    const refusedCreate = p.local
      ? p.ops.find((r) => r.op.kind === 'person.create' && r.answer?.status === 'refused')
      : null;
    // A change of contacts the server refused on one of its fields (e.g. an e-mail it does not take): fixed, then sent.
    const refusedChange = refusedCreate ? null : p.ops.findLast(isFixableChange);
    const rows = [
      [tx('person.birthDate'), displayDate(p.birthDate)],
      [tx('person.sex'), sexText(p.sex)],
      [tx('person.rnokpp'), p.rnokppMask],
      p.contactsHidden ? [tx('person.contacts'), tx('person.contactsHidden')] : [tx('person.address'), address(p)],
      p.contactsHidden ? null : [tx('person.phone'), p.phone],
      p.contactsHidden ? null : [tx('person.email'), p.email],
      [tx('person.cases'), p.cases.map((c) => `${c.number} (${c.type})`).join('; ')],
      p.assignments?.length ? [tx('act.assignment'), p.assignments.map(assignmentText).join('; ')] : null,
      p.stop ? [tx('person.reason'), p.stop.reason] : null,
      p.stop ? [tx('person.outcome'), p.stop.outcome ? tx(`outcome.${p.stop.outcome}`) : tx('person.noOutcome')] : null,
    ].filter(Boolean);
    show(
      [
        banner,
        linkButton(tx('back'), () => screenHome()),
        h(
          'h2',
          { class: 'govuk-heading-m govuk-!-margin-top-4', id: 'ws-person-h' },
          fullName(p),
          p.local ? [' ', tag(tx('person.local'), 'yellow')] : null,
        ),
        summaryList(rows),
        refusedCreate
          ? [
              warning(tx('person.refused', { message: refusedCreate.answer.message ?? '' }), tx('warningLabel')),
              button(tx('person.fix'), {
                onClick: () => screenPersonForm(formValues(refusedCreate), [], refusedCreate),
              }),
            ]
          : null,
        refusedChange
          ? [
              warning(tx('contacts.refused', { message: refusedChange.answer.message ?? '' }), tx('warningLabel')),
              button(tx('person.fix'), { onClick: () => screenContacts(key, undefined, [], refusedChange) }),
            ]
          : null,
        buttonGroup(
          may('apply') ? button(tx('application.button'), { onClick: () => screenApplication(key) }) : null,
          may('act') && p.assignments?.length
            ? button(tx('act.button'), { kind: may('apply') ? 'secondary' : undefined, onClick: () => screenAct(key) })
            : null,
          p.contactsHidden || !may('register')
            ? null
            : button(tx('contacts.button'), { kind: 'secondary', onClick: () => screenContacts(key) }),
          p.cases.length && may('note')
            ? button(tx('note.button'), { kind: 'secondary', onClick: () => screenNote(key) })
            : null,
          p.stop ? button(tx('outcome.button'), { kind: 'secondary', onClick: () => screenOutcome(key) }) : null,
          pkg.offices.length && may('book')
            ? button(tx('visit.button'), { kind: 'secondary', onClick: () => screenVisit(key) })
            : null,
        ),
        opsTable(p.ops, tx('ops.personCaption'), 'ws-person-ops'),
      ],
      banner ?? screen.querySelector('#ws-person-h'),
    );
  }

  /** Writes an operation to the device (encrypted, on disk), then shows the person with «Збережено». */
  async function save(record, key, done) {
    await vault.addOp({ ...record, answer: null });
    await reload();
    screenPerson(key, done, tx('savedText'));
  }

  const newOp = (kind, fields) => ({ opId: crypto.randomUUID(), at: new Date().toISOString(), kind, ...fields });
  /** What this member may do on the device (a package without the list allows what it always did). */
  const may = (what) => (pkg.may ? pkg.may[what] === true : what !== 'act');

  /** A form screen: heading, error summary, fields, «Зберегти» and «Скасувати». */
  function formScreen({ title, person, errors, fields, onSubmit, onCancel, submitText }) {
    const summary = errors.length ? errorSummary(tx('errorTitle'), errors) : null;
    const form = h(
      'form',
      { novalidate: true },
      fields,
      buttonGroup(
        button(submitText ?? tx('save'), { type: 'submit' }),
        button(tx('cancel'), { kind: 'secondary', onClick: onCancel }),
      ),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const submit = form.querySelector('button[type=submit]');
      submit.disabled = true;
      void Promise.resolve(onSubmit(form))
        .catch(() => {
          // Not on disk (e.g. the device's storage is full): say so plainly, the form keeps what was typed.
          const failed = errorSummary(tx('errorTitle'), [
            { field: form.querySelector('input, select, textarea')?.id ?? '', text: tx('saveFailed') },
          ]);
          screen.querySelector('.govuk-error-summary')?.remove();
          screen.prepend(failed);
          failed.focus();
        })
        .finally(() => {
          submit.disabled = false;
        });
    });
    show(
      [
        summary,
        h('span', { class: 'govuk-caption-m' }, person ? fullName(person) : pkg.trip.title),
        heading(title),
        form,
      ],
      summary,
    );
  }

  const value = (form, id) => form.querySelector(`#${id}`)?.value.trim() ?? '';
  const errorOf = (errors, field) => errors.find((e) => e.field === field)?.text;
  const settlementItems = () => [
    { value: '', text: tx('person.noSettlement') },
    ...pkg.settlements.map((s) => ({ value: s.code, text: s.name })),
  ];

  // ---- register a person ----
  /** The registration form's text fields (`p-<name>`), as the operation and the server name them. */
  const PERSON_FIELDS = [
    'lastName',
    'firstName',
    'patronymic',
    'birthDate',
    'rnokpp',
    'phone',
    'settlementCode',
    'street',
    'house',
    'apartment',
  ];

  /** The form's values from a registration made on the device (to fix it). */
  const formValues = (rec) => ({ ...rec.op.data, birthDate: displayDate(rec.op.data.birthDate) });

  /**
   * Registers a person on the device; with `fixing` (a registration the server refused), corrects it: the server's
   * reason is on its field, and the registration goes again with the operations refused for want of that person.
   */
  function screenPersonForm(values = {}, errors = [], fixing = null) {
    if (fixing && !errors.length) errors = [refusalOf(fixing)];
    const e = (f) => errorOf(errors, f);
    const key = fixing ? `ref:${fixing.op.personRef}` : null;
    formScreen({
      title: fixing ? tx('person.fixTitle') : tx('person.newTitle'),
      errors,
      submitText: fixing ? tx('person.resend') : undefined,
      onCancel: () => (fixing ? screenPerson(key) : screenHome()),
      fields: [
        input({
          id: 'p-lastName',
          label: tx('person.lastName'),
          value: values.lastName,
          error: e('p-lastName'),
          autocomplete: 'off',
        }),
        input({
          id: 'p-firstName',
          label: tx('person.firstName'),
          value: values.firstName,
          error: e('p-firstName'),
          autocomplete: 'off',
        }),
        input({
          id: 'p-patronymic',
          label: tx('person.patronymicOptional'),
          value: values.patronymic,
          error: e('p-patronymic'),
          autocomplete: 'off',
        }),
        input({
          id: 'p-birthDate',
          label: tx('person.birthDateOptional'),
          hint: tx('dateHint'),
          value: values.birthDate,
          error: e('p-birthDate'),
          width: '10',
          inputmode: 'numeric',
        }),
        radios({
          id: 'p-sex',
          legend: tx('person.sexOptional'),
          value: values.sex ?? '',
          inline: true,
          items: [
            { value: 'female', text: tx('sex.female') },
            { value: 'male', text: tx('sex.male') },
            { value: '', text: tx('sex.none') },
          ],
        }),
        input({
          id: 'p-rnokpp',
          label: tx('person.rnokppOptional'),
          hint: tx('person.rnokppHint'),
          value: values.rnokpp,
          error: e('p-rnokpp'),
          width: '10',
          inputmode: 'numeric',
        }),
        input({
          id: 'p-phone',
          label: tx('person.phoneOptional'),
          value: values.phone,
          error: e('p-phone'),
          type: 'tel',
          width: '20',
          autocomplete: 'off',
        }),
        select({
          id: 'p-settlementCode',
          label: tx('person.settlement'),
          items: settlementItems(),
          value: values.settlementCode ?? pkg.trip.settlements[0]?.code ?? '',
        }),
        input({ id: 'p-street', label: tx('person.streetOptional'), value: values.street, autocomplete: 'off' }),
        input({
          id: 'p-house',
          label: tx('person.houseOptional'),
          value: values.house,
          width: '5',
          autocomplete: 'off',
        }),
        input({
          id: 'p-apartment',
          label: tx('person.apartmentOptional'),
          value: values.apartment,
          width: '5',
          autocomplete: 'off',
        }),
      ],
      onSubmit: async (form) => {
        const v = {};
        for (const f of PERSON_FIELDS) v[f] = value(form, `p-${f}`);
        v.sex = form.querySelector('input[name=p-sex]:checked')?.value ?? '';
        const errs = [];
        if (!v.lastName) errs.push({ field: 'p-lastName', text: tx('person.v.lastName') });
        if (!v.firstName) errs.push({ field: 'p-firstName', text: tx('person.v.firstName') });
        const birth = v.birthDate ? isoDate(v.birthDate) : null;
        if (v.birthDate && (!birth || birth > kyivToday())) errs.push({ field: 'p-birthDate', text: tx('v.date') });
        if (v.rnokpp && !checkRnokpp(v.rnokpp.replace(/\s/g, '')).ok)
          errs.push({ field: 'p-rnokpp', text: tx('person.v.rnokpp') });
        if (v.phone && !PHONE.test(v.phone)) errs.push({ field: 'p-phone', text: tx('v.phone') });
        if (errs.length) return screenPersonForm(v, errs, fixing);
        const data = { lastName: v.lastName, firstName: v.firstName };
        if (v.patronymic) data.patronymic = v.patronymic;
        if (birth) data.birthDate = birth;
        if (v.sex) data.sex = v.sex;
        if (v.rnokpp) data.rnokpp = v.rnokpp.replace(/\s/g, '');
        for (const f of ['phone', 'settlementCode', 'street', 'house', 'apartment']) if (v[f]) data[f] = v[f];
        if (fixing) return resend(fixing, data);
        const personRef = crypto.randomUUID();
        const name = fullName(data);
        await save(
          { op: newOp('person.create', { personRef, data }), label: tx('label.personCreate', { name }) },
          `ref:${personRef}`,
          tx('person.saved', { name }),
        );
      },
    });
  }

  /** The server's refusal as a form error, on the field it names (else on the first). */
  const refusalOf = (rec) => ({
    field: `p-${PERSON_FIELDS.includes(rec.answer.field) ? rec.answer.field : 'lastName'}`,
    text: rec.answer.message ?? tx('person.refusedShort'),
  });

  /**
   * A refused registration corrected: it waits to be sent again in its place in the log, and so does every operation
   * refused for this person (they were refused because the person was not registered).
   */
  async function resend(rec, data) {
    const key = `ref:${rec.op.personRef}`;
    const name = fullName(data);
    const { seq, state: _s, ...record } = rec;
    await vault.putOp(seq, 'pending', {
      ...record,
      op: { ...record.op, data },
      label: tx('label.personCreate', { name }),
      answer: null,
    });
    for (const r of records)
      if (r.seq !== seq && r.answer?.status === 'refused' && r.op.personRef === rec.op.personRef) {
        const { seq: other, state: _o, ...again } = r;
        await vault.putOp(other, 'pending', { ...again, answer: null });
      }
    await reload();
    screenPerson(key, tx('person.fixed', { name }), tx('person.fixedText'));
  }

  // ---- contacts and address ----
  const CONTACT_FIELDS = ['phone', 'email', 'settlementCode', 'street', 'house', 'apartment'];

  /** A change of contacts refused on a field of the form, not yet corrected. */
  const isFixableChange = (r) =>
    r.op.kind === 'person.update' &&
    r.answer?.status === 'refused' &&
    !r.answer.fixed &&
    CONTACT_FIELDS.includes(r.answer.field);

  /**
   * Changes a person's contacts and address; with `fixing` (a change the server refused), the form opens with the
   * refused values and the server's reason on its field, and the corrected change is saved to be sent again.
   */
  function screenContacts(key, values, errors = [], fixing = null) {
    const p = view.persons.get(key);
    const current = (f) => p[f] ?? '';
    const refused = (f) => (fixing && f in fixing.op.patch ? (fixing.op.patch[f] ?? '') : current(f));
    const v = values ?? Object.fromEntries(CONTACT_FIELDS.map((f) => [f, refused(f)]));
    if (fixing && !values && !errors.length)
      errors = [{ field: `c-${fixing.answer.field}`, text: fixing.answer.message ?? tx('contacts.refused') }];
    const e = (f) => errorOf(errors, f);
    formScreen({
      title: fixing ? tx('contacts.fixTitle') : tx('contacts.title'),
      submitText: fixing ? tx('person.resend') : undefined,
      person: p,
      errors,
      onCancel: () => screenPerson(key),
      fields: [
        input({
          id: 'c-phone',
          label: tx('person.phone'),
          value: v.phone,
          error: e('c-phone'),
          type: 'tel',
          width: '20',
          autocomplete: 'off',
        }),
        input({
          id: 'c-email',
          label: tx('person.email'),
          value: v.email,
          error: e('c-email'),
          type: 'email',
          autocomplete: 'off',
        }),
        select({
          id: 'c-settlementCode',
          label: tx('person.settlement'),
          items: settlementItems(),
          value: v.settlementCode,
        }),
        input({ id: 'c-street', label: tx('person.street'), value: v.street, autocomplete: 'off' }),
        input({ id: 'c-house', label: tx('person.houseLabel'), value: v.house, width: '5', autocomplete: 'off' }),
        input({
          id: 'c-apartment',
          label: tx('person.apartmentLabel'),
          value: v.apartment,
          width: '5',
          autocomplete: 'off',
        }),
      ],
      onSubmit: async (form) => {
        const next = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, value(form, `c-${f}`)]));
        const errs = [];
        if (next.phone && !PHONE.test(next.phone)) errs.push({ field: 'c-phone', text: tx('v.phone') });
        if (next.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(next.email))
          errs.push({ field: 'c-email', text: tx('v.email') });
        const patch = {};
        for (const f of CONTACT_FIELDS) if (current(f) !== next[f]) patch[f] = next[f] === '' ? null : next[f];
        if (!errs.length && !Object.keys(patch).length) errs.push({ field: 'c-phone', text: tx('contacts.noChange') });
        if (errs.length) return screenContacts(key, next, errs, fixing);
        await changePerson(p, patch);
        if (fixing) {
          // The refused change stays in the log as refused, marked corrected: the correction is a change of its own.
          const { seq, state, ...record } = fixing;
          await vault.putOp(seq, state, { ...record, answer: { ...record.answer, fixed: true } });
        }
        await reload();
        if (fixing) screenPerson(key, tx('contacts.fixed'), tx('contacts.fixedText'));
        else screenPerson(key, tx('contacts.saved'), tx('savedText'));
      },
    });
  }

  /**
   * A change of a person's data: folded into a not yet sent registration or change of the same person (so the
   * device never conflicts with itself), else a new `person.update` based on the version the device knows.
   */
  async function changePerson(p, patch) {
    const pending = records.filter((r) => r.state === 'pending' && r.op && personKey(r.op) === p.key);
    const create = pending.find((r) => r.op.kind === 'person.create');
    const update = pending.find((r) => r.op.kind === 'person.update');
    const target = create ?? update;
    if (target) {
      const { seq, state: _s, ...rec } = target;
      const op = create
        ? {
            ...rec.op,
            data: Object.fromEntries(Object.entries({ ...rec.op.data, ...patch }).filter(([, x]) => x !== null)),
          }
        : { ...rec.op, patch: { ...rec.op.patch, ...patch } };
      await vault.putOp(seq, 'pending', { ...rec, op });
      return;
    }
    const op = newOp('person.update', { ...personOnWire(p), baseVersion: p.version ?? 1, patch });
    await vault.addOp({ op, label: tx('label.personUpdate', { name: fullName(p) }), answer: null });
  }

  // ---- an application with its documents ----
  const sniff = (u8) =>
    (u8[0] === 0xff && u8[1] === 0xd8 && u8[2] === 0xff) ||
    (u8[0] === 0x89 && u8[1] === 0x50 && u8[2] === 0x4e && u8[3] === 0x47) ||
    (u8[0] === 0x25 && u8[1] === 0x50 && u8[2] === 0x44 && u8[3] === 0x46);

  /**
   * The file chosen in a file input, checked as the server will (not empty, at most 10 MB, a photo or PDF by its
   * content): `{ fileName, dataBase64, size }`, or null when none is chosen or it is refused (the reason in `errs`).
   */
  async function chosenFile(el, errs) {
    const file = el?.files?.[0];
    if (!file) return null;
    if (file.size > MAX_DOCUMENT || file.size === 0) {
      errs.push({ field: el.id, text: tx('application.v.size', { name: file.name }) });
      return null;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (!sniff(bytes)) {
      errs.push({ field: el.id, text: tx('application.v.type', { name: file.name }) });
      return null;
    }
    return { fileName: file.name, dataBase64: b64.encode(bytes), size: bytes.length };
  }

  function screenApplication(key, values = {}, errors = []) {
    const p = view.persons.get(key);
    const e = (f) => errorOf(errors, f);
    const docs = h('div', { id: 'a-documents' });
    const drawDocs = (serviceId) => {
      const svc = pkg.services.find((s) => s.id === serviceId);
      docs.replaceChildren(
        h(
          'fieldset',
          { class: 'govuk-fieldset' },
          h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, tx('application.documents')),
          h('div', { class: 'govuk-hint' }, tx('application.documentsHint')),
          (svc?.documents ?? []).map((d) =>
            fileInput({
              id: `a-doc-${d.id}`,
              label: d.required ? tx('application.required', { name: d.name }) : d.name,
              error: e(`a-doc-${d.id}`),
            }),
          ),
          fileInput({ id: 'a-doc-other', label: tx('application.other'), error: e('a-doc-other') }),
        ),
      );
    };
    drawDocs(values.serviceId);
    formScreen({
      title: tx('application.title'),
      person: p,
      errors,
      onCancel: () => screenPerson(key),
      fields: [
        select({
          id: 'a-service',
          label: tx('application.service'),
          error: e('a-service'),
          value: values.serviceId ?? '',
          items: [
            { value: '', text: tx('application.chooseService') },
            ...pkg.services.map((s) => ({ value: s.id, text: s.name })),
          ],
          onChange: (ev) => drawDocs(ev.target.value),
        }),
        docs,
        checkbox({ id: 'a-confirmed', label: tx('application.confirmed'), error: e('a-confirmed') }),
      ],
      submitText: tx('application.submit'),
      onSubmit: async (form) => {
        const serviceId = value(form, 'a-service');
        const errs = [];
        if (!serviceId) errs.push({ field: 'a-service', text: tx('application.v.service') });
        const documents = [];
        let total = 0;
        for (const el of form.querySelectorAll('input[type=file]')) {
          const file = await chosenFile(el, errs);
          if (!file) continue;
          total += file.size;
          documents.push({
            requirement: el.id === 'a-doc-other' ? 'other' : el.id.slice('a-doc-'.length),
            fileName: file.fileName,
            dataBase64: file.dataBase64,
          });
        }
        if (total > MAX_DOCUMENTS) errs.push({ field: 'a-doc-other', text: tx('application.v.total') });
        if (!form.querySelector('#a-confirmed').checked)
          errs.push({ field: 'a-confirmed', text: tx('application.v.confirmed') });
        // Files cannot be put back into a drawn-again form: the worker chooses them again (said in the summary).
        if (errs.length) return screenApplication(key, { serviceId }, errs);
        const service = pkg.services.find((s) => s.id === serviceId);
        await save(
          {
            op: newOp('application.create', { ...personOnWire(p), serviceId, confirmed: true, documents }),
            label: tx('label.application', { service: service.name, name: fullName(p), n: documents.length }),
          },
          key,
          tx('application.saved', { service: service.name, n: documents.length }),
        );
      },
    });
  }

  // ---- a case note ----
  function screenNote(key, values = {}, errors = []) {
    const p = view.persons.get(key);
    const e = (f) => errorOf(errors, f);
    formScreen({
      title: tx('note.title'),
      person: p,
      errors,
      onCancel: () => screenPerson(key),
      fields: [
        select({
          id: 'n-case',
          label: tx('note.case'),
          value: values.caseId,
          items: p.cases.map((c) => ({ value: c.id, text: `${c.number} (${c.type})` })),
        }),
        input({
          id: 'n-date',
          label: tx('note.date'),
          hint: tx('dateHint'),
          value: values.date ?? displayDate(kyivToday()),
          error: e('n-date'),
          width: '10',
          inputmode: 'numeric',
        }),
        textarea({ id: 'n-text', label: tx('note.text'), value: values.text, error: e('n-text') }),
      ],
      onSubmit: async (form) => {
        const v = { caseId: value(form, 'n-case'), date: value(form, 'n-date'), text: value(form, 'n-text') };
        const errs = [];
        const day = isoDate(v.date);
        if (!day || day > kyivToday()) errs.push({ field: 'n-date', text: tx('v.date') });
        if (!v.text) errs.push({ field: 'n-text', text: tx('note.v.text') });
        if (errs.length) return screenNote(key, v, errs);
        const kase = p.cases.find((c) => c.id === v.caseId);
        await save(
          {
            op: newOp('case.note', { caseId: v.caseId, text: v.text, happenedOn: day }),
            label: tx('label.note', { number: kase?.number ?? '', name: fullName(p) }),
          },
          key,
          tx('note.saved'),
        );
      },
    });
  }

  // ---- a service delivered (a provider's worker) ----
  const assignmentText = (a) => `${a.service} (${a.agency})`;
  function screenAct(key, values = {}, errors = []) {
    const p = view.persons.get(key);
    const e = (f) => errorOf(errors, f);
    formScreen({
      title: tx('act.title'),
      person: p,
      errors,
      onCancel: () => screenPerson(key),
      fields: [
        select({
          id: 'act-assignment',
          label: tx('act.assignment'),
          value: values.assignmentId ?? (p.assignments.length === 1 ? p.assignments[0].id : ''),
          error: e('act-assignment'),
          items: [
            ...(p.assignments.length === 1 ? [] : [{ value: '', text: tx('application.chooseService') }]),
            ...p.assignments.map((a) => ({ value: a.id, text: assignmentText(a) })),
          ],
        }),
        input({
          id: 'act-date',
          label: tx('act.date'),
          hint: tx('dateHint'),
          value: values.date ?? displayDate(kyivToday()),
          error: e('act-date'),
          width: '10',
          inputmode: 'numeric',
        }),
        input({
          id: 'act-start',
          label: tx('act.start'),
          hint: tx('act.startHint'),
          value: values.start,
          error: e('act-start'),
          width: '5',
          inputmode: 'numeric',
        }),
        input({
          id: 'act-minutes',
          label: tx('act.minutes'),
          value: values.minutes,
          error: e('act-minutes'),
          width: '4',
          inputmode: 'numeric',
        }),
        radios({
          id: 'act-place',
          legend: tx('act.place'),
          value: values.place ?? 'home',
          error: e('act-place'),
          items: ['home', 'day_centre', 'residential', 'remote'].map((v) => ({
            value: v,
            text: tx(`act.places.${v}`),
          })),
        }),
        radios({
          id: 'act-confirm',
          legend: tx('act.confirm'),
          value: values.confirmedBy ?? '',
          error: e('act-confirm'),
          items: [
            { value: 'recipient', text: tx('act.confirmRecipient') },
            { value: 'worker', text: tx('act.confirmWorker') },
          ],
        }),
        textarea({ id: 'act-reason', label: tx('act.reason'), value: values.reason, error: e('act-reason') }),
        fileInput({
          id: 'act-signature',
          label: tx('act.signature'),
          hint: tx('act.signatureHint'),
          error: e('act-signature'),
        }),
        textarea({ id: 'act-note', label: tx('act.note'), value: values.note, error: e('act-note') }),
      ],
      onSubmit: async (form) => {
        const v = {
          assignmentId: value(form, 'act-assignment'),
          date: value(form, 'act-date'),
          start: value(form, 'act-start'),
          minutes: value(form, 'act-minutes'),
          place: form.querySelector('input[name=act-place]:checked')?.value ?? '',
          confirmedBy: form.querySelector('input[name=act-confirm]:checked')?.value ?? '',
          reason: value(form, 'act-reason'),
          note: value(form, 'act-note'),
        };
        const a = p.assignments.find((x) => x.id === v.assignmentId);
        const errs = [];
        if (!a) errs.push({ field: 'act-assignment', text: tx('act.v.assignment') });
        const day = isoDate(v.date);
        if (!day || day > kyivToday() || (a && day < a.fromDay))
          errs.push({ field: 'act-date', text: tx('act.v.date', { from: a ? displayDate(a.fromDay) : '' }) });
        if (v.start && !/^([01]\d|2[0-3]):[0-5]\d$/.test(v.start))
          errs.push({ field: 'act-start', text: tx('act.v.start') });
        const minutes = /^\d{1,4}$/.test(v.minutes) ? Number(v.minutes) : 0;
        if (minutes < 1 || minutes > 1440) errs.push({ field: 'act-minutes', text: tx('act.v.minutes') });
        if (!v.place) errs.push({ field: 'act-place', text: tx('act.v.place') });
        if (!v.confirmedBy) errs.push({ field: 'act-confirm', text: tx('act.v.confirm') });
        else if (v.confirmedBy === 'worker' && !v.reason) errs.push({ field: 'act-reason', text: tx('act.v.reason') });
        const scan = await chosenFile(form.querySelector('#act-signature'), errs);
        if (scan && v.confirmedBy !== 'recipient')
          errs.push({ field: 'act-signature', text: tx('act.v.signatureWorker') });
        // A file cannot be put back into a drawn-again form: the worker chooses it again.
        if (errs.length) return screenAct(key, v, errs);
        await save(
          {
            op: newOp('act.record', {
              assignmentId: a.id,
              date: day,
              ...(v.start ? { startsAt: v.start } : {}),
              minutes,
              place: v.place,
              confirmedBy: v.confirmedBy,
              ...(v.confirmedBy === 'worker' ? { confirmReason: v.reason } : {}),
              ...(v.note ? { note: v.note } : {}),
              ...(scan ? { signature: { fileName: scan.fileName, dataBase64: scan.dataBase64 } } : {}),
            }),
            label: tx('label.act', { service: a.service, name: fullName(p), date: v.date, minutes }),
          },
          key,
          scan ? tx('act.savedWithScan') : tx('act.saved'),
        );
      },
    });
  }

  // ---- the visit's outcome ----
  function screenOutcome(key, values = {}, errors = []) {
    const p = view.persons.get(key);
    formScreen({
      title: tx('outcome.title'),
      person: p,
      errors,
      onCancel: () => screenPerson(key),
      fields: [
        radios({
          id: 'o-outcome',
          legend: tx('outcome.legend'),
          value: values.outcome ?? p.stop.outcome ?? '',
          error: errorOf(errors, 'o-outcome'),
          items: ['served', 'not_home', 'refused'].map((o) => ({ value: o, text: tx(`outcome.${o}`) })),
        }),
        textarea({ id: 'o-note', label: tx('outcome.note'), value: values.note }),
      ],
      onSubmit: async (form) => {
        const outcome = form.querySelector('input[name=o-outcome]:checked')?.value ?? '';
        const note = value(form, 'o-note');
        if (!outcome) return screenOutcome(key, { note }, [{ field: 'o-outcome', text: tx('outcome.v.outcome') }]);
        await save(
          {
            op: newOp('stop.record', { stopId: p.stop.id, outcome, ...(note ? { note } : {}) }),
            label: tx('label.outcome', { name: fullName(p), outcome: tx(`outcome.${outcome}`) }),
          },
          key,
          tx('outcome.saved'),
        );
      },
    });
  }

  // ---- the next visit ----
  function screenVisit(key, values = {}, errors = []) {
    const p = view.persons.get(key);
    const e = (f) => errorOf(errors, f);
    const officeId = values.officeId ?? pkg.offices[0]?.id ?? '';
    const services = h('div', {});
    const drawServices = (id, chosen) => {
      const office = pkg.offices.find((o) => o.id === id);
      services.replaceChildren(
        select({
          id: 'v-service',
          label: tx('visit.service'),
          error: e('v-service'),
          value: chosen ?? '',
          items: [
            { value: '', text: tx('application.chooseService') },
            ...(office?.services ?? []).map((s) => ({ value: s.id, text: s.name })),
          ],
        }),
      );
    };
    drawServices(officeId, values.serviceId);
    formScreen({
      title: tx('visit.title'),
      person: p,
      errors,
      onCancel: () => screenPerson(key),
      fields: [
        select({
          id: 'v-office',
          label: tx('visit.office'),
          value: officeId,
          items: pkg.offices.map((o) => ({ value: o.id, text: o.name })),
          onChange: (ev) => drawServices(ev.target.value),
        }),
        services,
        input({
          id: 'v-date',
          label: tx('visit.date'),
          hint: tx('dateHint'),
          value: values.date,
          error: e('v-date'),
          width: '10',
          inputmode: 'numeric',
        }),
        input({
          id: 'v-time',
          label: tx('visit.time'),
          hint: tx('visit.timeHint'),
          value: values.time,
          error: e('v-time'),
          width: '5',
          inputmode: 'numeric',
        }),
      ],
      onSubmit: async (form) => {
        const v = {
          officeId: value(form, 'v-office'),
          serviceId: value(form, 'v-service'),
          date: value(form, 'v-date'),
          time: value(form, 'v-time'),
        };
        const errs = [];
        if (!v.serviceId) errs.push({ field: 'v-service', text: tx('application.v.service') });
        const day = isoDate(v.date);
        if (!day || day < kyivToday()) errs.push({ field: 'v-date', text: tx('visit.v.date') });
        const time = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(v.time);
        if (!time) errs.push({ field: 'v-time', text: tx('visit.v.time') });
        if (errs.length) return screenVisit(key, v, errs);
        const hhmm = `${time[1].padStart(2, '0')}:${time[2]}`;
        const office = pkg.offices.find((o) => o.id === v.officeId);
        await save(
          {
            op: newOp('visit.book', {
              ...personOnWire(p),
              officeId: v.officeId,
              serviceId: v.serviceId,
              start: kyivInstant(day, hhmm),
            }),
            label: tx('label.visit', {
              name: fullName(p),
              office: office?.name ?? '',
              date: displayDate(day),
              time: hhmm,
            }),
          },
          key,
          tx('visit.saved', { date: displayDate(day), time: hhmm }),
        );
      },
    });
  }
}

/**
 * Registers the service worker and puts the shell and its assets into its cache, so the workstation reloads without
 * a connection. Says so once done (a worker should not leave the office before this line shows).
 */
async function prepareOffline(line, tx) {
  if (!('serviceWorker' in navigator) || !('caches' in window)) {
    line.textContent = tx('offlineUnsupported');
    return;
  }
  const ws = document.getElementById('workstation');
  try {
    await navigator.serviceWorker.register(ws.dataset.swUrl, { scope: ws.dataset.swScope, type: 'classic' });
    await navigator.serviceWorker.ready;
    if (navigator.onLine) {
      const assets = [
        ...[...document.querySelectorAll('script[src], link[rel=stylesheet], link[rel=icon]')].map(
          (el) => el.getAttribute('src') ?? el.getAttribute('href'),
        ),
      ].filter((u) => u?.startsWith('/public/build/'));
      const cache = await caches.open(CACHE);
      // With the page of the workstations on this device, where the installed app starts without a connection.
      await cache.addAll([location.pathname, '/outreach/offline', ...assets]);
      // Assets of earlier builds are no longer needed.
      for (const req of await cache.keys()) {
        const path = new URL(req.url).pathname;
        if (path.startsWith('/public/build/') && !assets.includes(path)) await cache.delete(req);
      }
    }
    line.textContent = (await caches.match(location.pathname)) ? tx('offlineReady') : tx('offlineNotReady');
  } catch {
    line.textContent = tx('offlineNotReady');
  }
}
