// mh-pathway's dashboards where managers already look: links in Cockpit's header, and a panel on Cockpit's
// dashboard with each ICS's deadlines now and its open delays and out-of-area placements, each figure leading to the
// page behind it. Loaded through config.js "customScripts" (docs/webapps.md). The figures come from the service's
// GET /api/indicators with the Cockpit login; nothing is fetched from outside the service.

const PAGES = [
  {id: 'mh-pathway-indicators', href: '/dashboards/indicators/', text: 'Indicators', groups: ['managers']},
  {id: 'mh-pathway-deadlines', href: '/dashboards/deadlines/', text: 'Deadlines', groups: ['managers']},
  {id: 'mh-pathway-board', href: '/dashboards/discharge-hub/', text: 'Discharge hub board',
    groups: ['discharge-hub', 'housing', 'managers']},
  {id: 'mh-pathway-find', href: '/dashboards/pathway/', text: 'Find a pathway',
    groups: ['ward-clinicians', 'bed-management', 'community-mh-team', 'managers']}
];

/**
 * GET /api/me: the user's groups decide which links and figures there are. Asked each time a plugin is drawn, as
 * the app may log one user out and another in without loading the page again.
 */
function whoAmI() {
  return fetch('/api/me', {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then(response => (response.ok ? response.json() : null))
    .catch(() => null);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  return node;
}

function link(href, text, id) {
  const a = element('a', null, text);
  a.href = href;
  if (id) {
    a.id = id;
  }
  return a;
}

/** One header link per dashboard, shown to the groups it is for. */
const headerLinks = PAGES.map((page, index) => ({
  id: page.id,
  pluginPoint: 'cockpit.navigation',
  priority: 100 - index,
  render(node) {
    whoAmI().then(user => {
      if (user && page.groups.some(group => user.groups.includes(group))) {
        node.appendChild(link(page.href, page.text, page.id + '-link'));
      }
    });
  }
}));

/** This month on the UK calendar, as "2026-03". */
function thisMonth() {
  const parts = new Intl.DateTimeFormat('en-GB', {timeZone: 'Europe/London', year: 'numeric', month: '2-digit'})
    .formatToParts(new Date());
  return parts.find(p => p.type === 'year').value + '-' + parts.find(p => p.type === 'month').value;
}

const COLUMNS = [
  {text: 'Deadlines running', value: i => i.deadlines.running, href: '/dashboards/deadlines/'},
  {text: 'Due within 24 hours', value: i => i.deadlines.dueWithin24Hours, href: '/dashboards/deadlines/',
    warn: true},
  {text: 'Overdue', value: i => i.deadlines.overdue, href: '/dashboards/deadlines/', bad: true},
  {text: 'Missed this month', value: i => i.deadlines.breached, href: '/dashboards/deadlines/', bad: true},
  {text: 'Delayed discharges', value: i => i.delayedDischarges.numerator, href: '/dashboards/discharge-hub/'},
  {text: 'Out of area', value: i => i.outOfAreaPlacements.numerator, href: '/dashboards/indicators/'}
];

/** The panel on Cockpit's dashboard: one row per ICS of the manager's, as of now. */
const dashboardPanel = {
  id: 'mh-pathway-dashboard-panel',
  pluginPoint: 'cockpit.dashboard',
  priority: 100,
  render(node) {
    whoAmI().then(async user => {
      if (!user || !user.groups.includes('managers')) {
        return;
      }
      const section = element('section', 'mh-pathway-panel');
      section.id = 'mh-pathway-panel';
      section.appendChild(element('h3', null, 'Pathway deadlines and indicators'));
      node.appendChild(section);
      const answer = await fetch('/api/indicators?from=' + thisMonth() + '&byWard=false'
          + '&indicators=deadlines,delayedDischarges,outOfAreaPlacements', {credentials: 'same-origin',
        headers: {Accept: 'application/json'}}).then(r => (r.ok ? r.json() : null)).catch(() => null);
      if (!answer) {
        section.appendChild(element('p', null, 'The figures could not be read. Open the Indicators page instead.'));
        return;
      }
      const table = element('table', 'table mh-pathway-figures');
      const head = element('tr');
      head.appendChild(element('th', null, 'Integrated care system'));
      COLUMNS.forEach(c => head.appendChild(element('th', 'number', c.text)));
      table.appendChild(element('thead')).appendChild(head);
      const body = table.appendChild(element('tbody'));
      for (const cell of answer.results.filter(c => c.ward === null && c.month === null)) {
        const row = element('tr');
        row.dataset.ics = cell.ics;
        row.appendChild(element('td', null, cell.icsName + ' (' + cell.ics + ')'));
        for (const column of COLUMNS) {
          const value = column.value(cell.indicators) ?? 0;
          const td = element('td', 'number' + (value && column.bad ? ' mh-pathway-bad' : '')
            + (value && column.warn ? ' mh-pathway-warn' : ''));
          td.appendChild(link(column.href, String(value)));
          row.appendChild(td);
        }
        body.appendChild(row);
      }
      section.appendChild(table);
      const links = element('p', 'mh-pathway-links');
      PAGES.forEach(page => {
        links.appendChild(link(page.href, 'Open ' + page.text.toLowerCase().replace('discharge hub', 'the discharge hub')));
        links.appendChild(document.createTextNode(' '));
      });
      section.appendChild(links);
    });
  }
};

export default [...headerLinks, dashboardPanel];
