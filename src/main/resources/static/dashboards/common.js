// What the dashboards share: the login (the browser's Tasklist or Cockpit session, as the referral page uses it),
// the header's links for the user's groups, reading the service's API, the words shown for its codes, dates in UK
// time, and a table sorted by its column headers. Nothing is fetched from outside the service.
'use strict';

window.MhPathway = (function () {
  const TASKLIST = '/camunda/app/tasklist/default/';
  const COCKPIT = '/camunda/app/cockpit/default/';
  /** Camunda's own "who is logged in" call: 200 with the user, 404 when nobody is. */
  const WEBAPP_LOGIN = '/camunda/api/admin/auth/user/default';

  /** The dashboards, and the groups each is for. */
  const PAGES = [
    {id: 'indicators', href: '/dashboards/indicators/', text: 'Indicators', groups: ['managers']},
    {id: 'deadlines', href: '/dashboards/deadlines/', text: 'Deadlines', groups: ['managers']},
    {id: 'discharge-hub', href: '/dashboards/discharge-hub/', text: 'Discharge hub board',
      groups: ['discharge-hub', 'housing', 'managers']},
    // the care team and managers may read any pathway of their ICSs; the hub and housing reach theirs from the board
    {id: 'pathway', href: '/dashboards/pathway/', text: 'Find a pathway',
      groups: ['ward-clinicians', 'bed-management', 'community-mh-team', 'managers']}
  ];

  const WORDS = {
    // groups
    'ward-clinicians': 'Ward clinicians',
    'bed-management': 'Bed management',
    'discharge-hub': 'Discharge hub',
    'housing': 'Housing',
    'community-mh-team': 'Community mental health team',
    'managers': 'Managers',
    'none': 'No team',
    // delay reasons
    'social-care': 'Social care',
    'placement': 'Placement',
    'funding': 'Funding',
    'home-adaptations': 'Home adaptations',
    'other-nhs-service': 'Another NHS service',
    'family-or-carer': 'Family or carer',
    'legal': 'Legal',
    'not-recorded': 'Not recorded',
    // attribution
    'nhs': 'NHS',
    'both': 'NHS and social care',
    // ward types
    'adult-acute': 'Adult acute',
    'older-adult': 'Older adult',
    'picu': 'Psychiatric intensive care',
    'rehabilitation': 'Rehabilitation',
    'learning-disability-and-autism': 'Learning disability and autism',
    // partner roles
    'gp-practice': 'GP practice',
    'crisis-team': 'Crisis team',
    'local-authority': 'Local authority',
    'housing-authority': 'Housing authority',
    'vcse-advocacy': 'Voluntary sector or advocacy',
    'commissioner': 'Commissioner',
    // escalation ladders
    'delayed-discharge': 'Delayed discharge',
    // housing needs and blockers
    'no-fixed-abode': 'No fixed abode',
    'homeless-within-56-days': 'At risk of homelessness within 56 days',
    'unsuitable-home': 'Current home unsuitable',
    'tenancy-at-risk': 'Tenancy at risk',
    'supported-accommodation-needed': 'Supported accommodation needed',
    'repairs': 'Repairs',
    'deep-clean': 'Deep clean',
    'adaptations': 'Adaptations',
    'temporary-accommodation-sign-up': 'Temporary accommodation sign-up',
    'tenancy': 'Tenancy',
    'other': 'Other',
    // statuses of the patients behind a figure
    'missed': 'Missed',
    'pending': 'Not known yet',
    'met': 'Met',
    'excluded': 'Not counted',
    'open': 'Delayed',
    'ended': 'Ended',
    'active': 'Out of area',
    'adult-over-60-days': 'Adult, over 60 days',
    'older-adult-over-90-days': 'Older adult, over 90 days',
    'in-hospital': 'In hospital',
    'no-notice-recorded': 'No notice recorded',
    'readmitted': 'Readmitted',
    'not-readmitted': 'Not readmitted',
    'overdue': 'Overdue',
    'due-within-24-hours': 'Due within 24 hours',
    'running': 'Running',
    'breached': 'Missed deadline',
    // discharge destinations
    'home': 'Home',
    'prison-or-court': 'Prison or court',
    'other-hospital': 'Another hospital',
    'died': 'Died',
    // sources of actions owed
    'discharge-event': 'Discharge event'
  };

  const dateTime = new Intl.DateTimeFormat('en-GB', {timeZone: 'Europe/London', day: 'numeric', month: 'short',
    year: 'numeric', hour: '2-digit', minute: '2-digit'});
  const dateOnly = new Intl.DateTimeFormat('en-GB', {timeZone: 'Europe/London', day: 'numeric', month: 'short',
    year: 'numeric'});
  const monthName = new Intl.DateTimeFormat('en-GB', {timeZone: 'UTC', month: 'long', year: 'numeric'});
  const shortMonth = new Intl.DateTimeFormat('en-GB', {timeZone: 'UTC', month: 'short', year: '2-digit'});

  /** A code in words: the word kept for it, else the code with its dashes as spaces and a capital. */
  function word(code) {
    if (code === null || code === undefined || code === '') {
      return '';
    }
    if (WORDS[code]) {
      return WORDS[code];
    }
    const text = String(code).replace(/-/g, ' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function formatDateTime(iso) {
    return iso ? dateTime.format(new Date(iso)) : '';
  }

  /** A date ("2026-03-09", shown as it is) or an instant (its day in UK time). */
  function formatDate(iso) {
    if (!iso) {
      return '';
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
      return dateOnly.format(new Date(iso + 'T12:00:00Z'));
    }
    return dateOnly.format(new Date(iso));
  }

  /** "2026-03" as "March 2026" (or "Mar 26" when short). */
  function formatMonth(month, short) {
    const date = new Date(month + '-01T00:00:00Z');
    return (short ? shortMonth : monthName).format(date);
  }

  /** This month, and the month {@code back} months before it, as "2026-03" on the UK calendar. */
  function monthOf(date, back) {
    const parts = new Intl.DateTimeFormat('en-GB', {timeZone: 'Europe/London', year: 'numeric', month: '2-digit'})
        .formatToParts(date);
    let year = Number(parts.find(p => p.type === 'year').value);
    let month = Number(parts.find(p => p.type === 'month').value) - (back || 0);
    while (month < 1) {
      month += 12;
      year -= 1;
    }
    return year + '-' + String(month).padStart(2, '0');
  }

  /** An element with attributes (a "class", "text", event handlers "on<event>") and children. */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (key === 'text') {
        node.textContent = value;
      } else if (key.startsWith('on') && typeof value === 'function') {
        node.addEventListener(key.slice(2), value);
      } else {
        node.setAttribute(key, value === true ? '' : value);
      }
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) {
        continue;
      }
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function pathwayLink(pathwayId) {
    return el('a', {href: '/dashboards/pathway/?id=' + encodeURIComponent(pathwayId), class: 'pathway',
      text: pathwayId});
  }

  async function getJson(url) {
    const response = await fetch(url, {credentials: 'same-origin',
      headers: {Accept: 'application/json, application/problem+json'}});
    const body = await response.json().catch(() => null);
    return {status: response.status, body};
  }

  /** What a refusal or failure says, for the page: the service's words, each bad field named. */
  function problemText(answer) {
    const body = answer && answer.body;
    if (!body) {
      return 'The service could not answer. Reload the page to try again.';
    }
    const fields = Array.isArray(body.errors) ? body.errors.map(e => e.field + ' ' + e.message).join('; ') : '';
    return [body.detail || body.title, fields].filter(Boolean).join(': ');
  }

  function say(text, kind) {
    const status = document.getElementById('status');
    status.textContent = text;
    status.className = 'notice' + (kind ? ' ' + kind : '');
    status.hidden = !text;
  }

  function sayWithLink(before, linkText, href, after, kind) {
    const status = document.getElementById('status');
    status.textContent = before;
    status.appendChild(el('a', {href, text: linkText}));
    status.appendChild(document.createTextNode(after || ''));
    status.className = 'notice' + (kind ? ' ' + kind : '');
    status.hidden = false;
  }

  /** The header: the dashboards this user's groups open, Tasklist, and Cockpit for those it opens to. */
  function header(me, current) {
    const nav = document.getElementById('nav');
    nav.textContent = '';
    nav.appendChild(el('a', {href: TASKLIST, text: 'Tasklist'}));
    if (me.groups.includes('managers') || me.groups.includes('camunda-admin')) {
      nav.appendChild(el('a', {href: COCKPIT, text: 'Cockpit'}));
    }
    for (const page of PAGES) {
      if (page.groups.some(g => me.groups.includes(g))) {
        nav.appendChild(el('a', {href: page.href, text: page.text, id: 'nav-' + page.id,
          'aria-current': page.id === current ? 'page' : null}));
      }
    }
    document.getElementById('user').textContent = me.name;
  }

  /**
   * Starts a page: the browser must be logged in to Tasklist or Cockpit, and the user in one of {@code groups};
   * else the page says where to go. Calls {@code ready(me)} with GET /api/me's answer.
   */
  async function start(current, groups, whoItIsFor, ready) {
    try {
      const login = await getJson(WEBAPP_LOGIN);
      if (login.status !== 200) {
        sayWithLink('You are not logged in. ', 'Log in to Tasklist', TASKLIST,
            ', then open this page again from the top of Tasklist.', 'warning');
        return;
      }
      const answer = await getJson('/api/me');
      if (answer.status !== 200) {
        sayWithLink('This page is for ' + whoItIsFor + '. Your work is in ', 'Tasklist', TASKLIST, '.', 'warning');
        return;
      }
      const me = answer.body;
      header(me, current);
      if (!me.groups.some(g => groups.includes(g))) {
        sayWithLink('This page is for ' + whoItIsFor + '. Your work is in ', 'Tasklist', TASKLIST, '.', 'warning');
        return;
      }
      say('');
      await ready(me);
    } catch (failure) {
      console.error(failure);
      say('The service could not be reached. Reload the page to try again.', 'error');
    }
  }

  /**
   * A table sorted by its column headers. {@code columns}: {key, label, value(row) for sorting, cell(row) giving
   * text or a node, number (right-aligned)}. Returns {render(rows)}; the chosen order is kept across renders.
   */
  function sortableTable(table, columns, initial) {
    let sortKey = initial ? initial.key : null;
    let ascending = initial ? initial.ascending !== false : true;
    let current = [];
    const head = el('tr');
    for (const column of columns) {
      const th = el('th', {scope: 'col', class: column.number ? 'number' : null, 'data-key': column.key});
      if (column.value) {
        th.appendChild(el('button', {type: 'button', class: 'sort', text: column.label, onclick: () => {
          ascending = sortKey === column.key ? !ascending : true;
          sortKey = column.key;
          draw();
        }}));
      } else {
        th.textContent = column.label;
      }
      head.appendChild(th);
    }
    table.textContent = '';
    table.appendChild(el('thead', {}, head));
    const body = el('tbody');
    table.appendChild(body);

    function compare(a, b) {
      if (a === b) {
        return 0;
      }
      if (a === null || a === undefined || a === '') {
        return 1;
      }
      if (b === null || b === undefined || b === '') {
        return -1;
      }
      return a < b ? -1 : 1;
    }

    function draw() {
      const column = columns.find(c => c.key === sortKey);
      const rows = current.slice();
      if (column) {
        rows.sort((a, b) => {
          const x = column.value(a);
          const y = column.value(b);
          if (x === null || x === undefined || x === '' || y === null || y === undefined || y === '') {
            return compare(x, y); // empty values last, whichever way
          }
          return ascending ? compare(x, y) : compare(y, x);
        });
      }
      for (const th of head.children) {
        th.setAttribute('aria-sort', th.dataset.key === sortKey ? (ascending ? 'ascending' : 'descending') : 'none');
      }
      body.textContent = '';
      for (const row of rows) {
        const tr = el('tr');
        for (const c of columns) {
          tr.appendChild(el('td', {class: c.number ? 'number' : null, 'data-key': c.key}, c.cell(row)));
        }
        body.appendChild(tr);
      }
      if (!rows.length) {
        body.appendChild(el('tr', {}, el('td', {colspan: String(columns.length), class: 'muted',
          text: 'Nothing to show.'})));
      }
    }

    return {
      render(rows) {
        current = rows;
        draw();
      }
    };
  }

  /** A due time in words and colour: red once passed, amber within 24 hours. */
  function due(iso, now) {
    if (!iso) {
      return el('span', {class: 'muted', text: 'none'});
    }
    const at = new Date(iso).getTime();
    const clock = now ? new Date(now).getTime() : Date.now();
    const kind = at < clock ? 'overdue' : at < clock + 24 * 3600 * 1000 ? 'soon' : null;
    return el('span', {class: kind, title: kind === 'overdue' ? 'Overdue' : null}, formatDateTime(iso));
  }

  /** The ICS choice of a page: the ICSs the user works in, the first chosen. */
  function icsSelect(select, me) {
    select.textContent = '';
    for (const ics of me.ics) {
      select.appendChild(el('option', {value: ics.code, text: ics.name + ' (' + ics.code + ')'}));
    }
  }

  return {TASKLIST, COCKPIT, el, word, formatDateTime, formatDate, formatMonth, monthOf, pathwayLink, getJson,
    problemText, say, sayWithLink, start, sortableTable, due, icsSelect};
})();
