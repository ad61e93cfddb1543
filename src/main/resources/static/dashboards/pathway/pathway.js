// A pathway's view, opened from a dashboard's row or found by its id: where the person is (GET /api/pathways/{id}),
// their open tasks and deadlines, delays, housing case and discharge events with the actions owed, and the partners'
// notices. What the user may read is the API's to decide: a part it refuses is left out. While the pathway is open,
// the ward records a death here (POST /api/pathways/{id}/death); the service checks what is sent, and each field its
// answer names is shown on that field.
'use strict';

(function () {
  const {el, word, formatDate, formatDateTime, getJson, problemText, say, due, TASKLIST, COCKPIT} = window.MhPathway;

  /** The groups the service lets record a death (POST /api/pathways/{id}/death). */
  const RECORD_DEATH_GROUPS = ['ward-clinicians'];
  const CLOSED_STAGES = ['community-alternative', 'completed', 'closed-after-death', 'cancelled'];
  /** The words for the fields the service names in its answers. */
  const DEATH_FIELDS = {diedAt: 'Date and time of death', placeOfDeath: 'Place of death', notes: 'Notes'};

  const STAGES = {
    'assessment': 'Referred, being assessed',
    'admission': 'Admission decided',
    'key-stage-1': 'Admitted: the first 72 hours',
    'key-stage-2': 'In hospital',
    'discharge': 'Ready for discharge: being arranged',
    'delayed-discharge': 'Ready for discharge: delayed',
    'follow-up': 'Discharged: follow-up',
    'community-alternative': 'Closed: a community alternative instead',
    'completed': 'Closed: follow-up done',
    'closed-after-death': 'Closed: the person died',
    'cancelled': 'Closed: cancelled'
  };
  const DATES = {
    presentedAt: 'Presented in crisis', admittedAt: 'Admitted', keyStage1CompletedAt: 'Key Stage 1 done',
    estimatedDischargeDate: 'Estimated discharge date', crfdAt: 'Clinically ready for discharge',
    dischargedAt: 'Discharged', followUpCompletedAt: 'Followed up', gpSummarySentAt: 'Summary sent to GP',
    diedAt: 'Died', closedAt: 'Pathway closed'
  };

  function section(title, ...content) {
    return el('section', {class: 'panel'}, el('h2', {text: title}), ...content);
  }

  function simpleTable(headings, rows) {
    if (!rows.length) {
      return el('p', {class: 'muted', text: 'None.'});
    }
    return el('table', {}, el('thead', {}, el('tr', {}, headings.map(h => el('th', {scope: 'col', text: h})))),
        el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => el('td', {}, c))))));
  }

  function nhsNumber(value) {
    return value && value.length === 10 ? value.slice(0, 3) + ' ' + value.slice(3, 6) + ' ' + value.slice(6) : value;
  }

  function personName(name) {
    if (!name) {
      return 'No name given';
    }
    return [(name.given || []).join(' '), name.family].filter(Boolean).join(' ');
  }

  function actionsTable(actions, owner) {
    return simpleTable(['Who', 'Action', 'Due', 'Done'], actions.map(a => [word(owner(a)), a.action,
      a.dueDate ? el('span', {class: !a.doneAt && a.dueDate < new Date().toISOString().slice(0, 10) ? 'overdue'
          : null, text: formatDate(a.dueDate)}) : '', a.doneAt ? formatDateTime(a.doneAt) : el('span', {
        class: 'muted', text: 'not yet'})]));
  }

  async function show(me, id) {
    const answer = await getJson('/api/pathways/' + encodeURIComponent(id));
    if (answer.status !== 200) {
      showFind(id, notOpened(id, answer));
      return;
    }
    const p = answer.body;
    const [housing, events] = await Promise.all([
      getJson('/api/pathways/' + encodeURIComponent(id) + '/housing'),
      getJson('/api/pathways/' + encodeURIComponent(id) + '/discharge-events')]);
    document.title = id + ' – mh-pathway';
    document.getElementById('title').textContent = 'Pathway ' + id;
    const page = document.getElementById('page');
    page.textContent = '';

    const facts = el('dl', {class: 'facts'});
    const fact = (term, value) => value !== null && value !== undefined && value !== ''
        && facts.append(el('dt', {text: term}), el('dd', {}, value));
    fact('Pathway', p.pathwayId);
    fact('NHS number', nhsNumber(p.nhsNumber));
    fact('Where they are', STAGES[p.stage] || word(p.stage));
    fact('ICS', p.homeIcs);
    fact('Ward type', word(p.wardType));
    if (p.placement) {
      fact('Ward', [p.placement.ward, p.placement.hospital, p.placement.bed && 'bed ' + p.placement.bed]
          .filter(Boolean).join(', '));
    }
    const flags = [p.flags.outOfArea && 'out of area', p.flags.learningDisabilityOrAutism
        && 'learning disability or autism', p.flags.readmission && 'readmission within 30 days'].filter(Boolean);
    fact('Flags', flags.join('; '));
    const links = el('p', {});
    if (me.groups.includes('managers') || me.groups.includes('camunda-admin')) {
      const search = JSON.stringify([{type: 'PIbusinessKey', operator: 'eq', value: p.pathwayId}]);
      links.appendChild(el('a', {href: COCKPIT + '#/processes?searchQuery=' + encodeURIComponent(search),
        text: 'Its processes in Cockpit'}));
    }
    page.appendChild(el('section', {class: 'panel', id: 'person'}, el('h2', {id: 'person-name',
      text: personName(p.name)}), facts, links));

    const dates = Object.entries(DATES).filter(([key]) => p.dates[key])
        .map(([key, label]) => [label, key === 'estimatedDischargeDate' ? formatDate(p.dates[key])
          : formatDateTime(p.dates[key])]);
    page.appendChild(section('Dates', simpleTable(['', 'When'], dates)));

    page.appendChild(section('Open tasks', simpleTable(['Task', 'For', 'Due', ''], p.openTasks.map(t => [
      el('span', {}, t.name, t.description ? el('br') : null, t.description ? el('span', {class: 'muted',
        text: t.description}) : null),
      t.candidateGroups.map(word).join(', '),
      t.dueAt ? due(t.dueAt) : el('span', {class: 'muted', text: 'no deadline'}),
      t.candidateGroups.some(g => me.groups.includes(g))
        ? el('a', {href: TASKLIST + '#/?task=' + encodeURIComponent(t.taskId), text: 'Open in Tasklist'}) : ''
    ]))));

    page.appendChild(section('Timers running', simpleTable(['Timer', 'Fires'], p.slaTimers.map(t => [t.name,
      formatDateTime(t.dueAt)]))));

    page.appendChild(section('Missed deadlines', simpleTable(['Deadline', 'Team', 'Was due', 'Answered'],
        p.breaches.map(b => [b.slaName, word(b.responsibleGroup), formatDateTime(b.dueAt), b.respondedAt
          ? formatDateTime(b.respondedAt) + (b.response ? ': ' + b.response : '')
          : el('span', {class: 'overdue', text: 'not yet'})]))));

    if (p.delays) {
      page.appendChild(section('Delayed discharge', el('p', {text: p.delays.delayedDays
          + ' days delayed in this stay.'}), simpleTable(['Began', 'Ended', 'Reason', 'Attributable to',
        'Local authority', 'Level', 'Next escalation'], p.delays.periods.map(d => [formatDateTime(d.startedAt),
        d.endedAt ? formatDateTime(d.endedAt) : el('span', {class: 'overdue', text: 'still delayed'}),
        word(d.reason), word(d.attribution), d.responsibleLocalAuthority || '',
        d.escalationLevel + (d.escalationLevelName ? ': ' + d.escalationLevelName : ''),
        d.nextEscalationDue ? due(d.nextEscalationDue) : '']))));
    }

    if (housing.status === 200 && housing.body.cases.length) {
      page.appendChild(section('Housing', ...housing.body.cases.map(c => el('div', {class: 'housing-case'},
          el('p', {}, (c.housingCase.needType ? word(c.housingCase.needType) : 'Need not assessed yet')
              + (c.housingCase.chosenAuthority ? ', ' + c.housingCase.chosenAuthority : '')
              + (c.housingCase.referralSentAt ? '; referred ' + formatDate(c.housingCase.referralSentAt) : '')
              + (c.housingCase.authorityAnswer ? '; answered: ' + word(c.housingCase.authorityAnswer) : '')
              + (c.housingCase.securedAt ? '; housing secured ' + formatDate(c.housingCase.securedAt) : '')
              + (c.housingCase.escalationLevel ? '; level ' + c.housingCase.escalationLevel
                  + (c.housingCase.escalationLevelName ? ': ' + c.housingCase.escalationLevelName : '') : '')),
          actionsTable(c.actions, a => a.owner)))));
    }

    if (events.status === 200 && events.body.length) {
      page.appendChild(section('Multi-agency discharge events', ...events.body.map(e => el('div', {},
          el('p', {}, 'Convened ' + formatDateTime(e.convenedAt) + ': ' + e.reason
              + (e.agreedPlan ? '. Agreed plan: ' + e.agreedPlan : '')
              + (e.newEstimatedDischargeDate ? '. New estimated discharge date '
                  + formatDate(e.newEstimatedDischargeDate) : '')),
          actionsTable(e.actions, a => a.agencyRole)))));
    }

    page.appendChild(section('Partner notices', simpleTable(['Notice', 'To', 'Recorded', 'Delivery'],
        p.notifications.map(n => [word(n.event), word(n.recipientRole), formatDateTime(n.recordedAt),
          word(n.status)]))));
    page.hidden = false;
    showDeathForm(me, p, () => show(me, id));
  }

  // ---- find a pathway ----

  function pathwayUrl(id) {
    return window.location.pathname + '?id=' + encodeURIComponent(id);
  }

  function findError(text) {
    const field = document.getElementById('find-field');
    const input = document.getElementById('find-id');
    document.getElementById('find-id-error').textContent = text || '';
    field.classList.toggle('has-error', Boolean(text));
    if (text) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    } else {
      input.removeAttribute('aria-invalid');
    }
  }

  /** Why a pathway could not be opened, in the page's words. */
  function notOpened(id, answer) {
    if (answer.status === 404) {
      return 'No pathway has the id ' + id + ', or it is not one you may read. Check the id and try again.';
    }
    if (answer.status === 401) {
      return 'Your login has ended. Log in to Tasklist again, then open this page again.';
    }
    return problemText(answer);
  }

  /** The form that opens a pathway by its id; shown without ?id=, or with an id that opens nothing. */
  function showFind(id, problem) {
    const find = document.getElementById('find');
    find.hidden = false;
    const input = document.getElementById('find-id');
    input.value = id || '';
    findError(problem);
    if (!problem) {
      input.focus();
    }
    const form = document.getElementById('find-form');
    if (form.dataset.ready) {
      return;
    }
    form.dataset.ready = 'true';
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const wanted = input.value.trim().toUpperCase();
      if (!wanted) {
        findError('Enter the pathway id.');
        return;
      }
      const open = document.getElementById('find-open');
      open.disabled = true;
      try {
        const answer = await getJson('/api/pathways/' + encodeURIComponent(wanted));
        if (answer.status === 200) {
          window.location.assign(pathwayUrl(wanted));
          return;
        }
        findError(notOpened(wanted, answer));
      } catch (failure) {
        findError('The service could not be reached. Try again.');
      } finally {
        open.disabled = false;
      }
    });
  }

  // ---- record a death ----

  /** A service message with its timestamps ("is before the admission (2026-03-09T14:30:00Z)") in UK time. */
  function readable(message) {
    return String(message).replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/g,
        iso => formatDateTime(iso));
  }

  function deathFieldError(name, text) {
    const field = document.querySelector('#death-form .field[data-field="' + name + '"]');
    if (!field) {
      return false;
    }
    const slot = field.querySelector('.error');
    const label = name === 'confirm' ? '' : (DEATH_FIELDS[name] || word(name)) + ' ';
    slot.textContent = slot.textContent ? slot.textContent + '; ' + text : label + text;
    field.classList.add('has-error');
    field.querySelector('input, textarea').setAttribute('aria-invalid', 'true');
    return true;
  }

  function clearDeathErrors() {
    const problem = document.getElementById('death-problem');
    problem.hidden = true;
    problem.textContent = '';
    for (const field of document.querySelectorAll('#death-form .field')) {
      field.classList.remove('has-error');
      field.querySelector('.error').textContent = '';
      field.querySelector('input, textarea').removeAttribute('aria-invalid');
    }
  }

  function deathProblem(text) {
    const problem = document.getElementById('death-problem');
    problem.textContent = text;
    problem.hidden = false;
    problem.focus();
  }

  function focusFirstError() {
    const first = document.querySelector('#death-form [aria-invalid="true"]');
    if (first) {
      first.focus();
    }
  }

  /** Shows the service's refusal: each field it names on that field, the rest (409, 403, 401) above the form. */
  function showDeathRefusal(status, body) {
    if (status === 401) {
      deathProblem('Your login has ended. Log in to Tasklist again, then record the death from this page. '
          + 'Nothing was recorded.');
      return;
    }
    if (status === 409) {
      deathProblem('Nothing was recorded: this pathway is closed or a death is already recorded for it. '
          + 'Reload the page to see where the pathway is.');
      return;
    }
    const errors = status === 400 && body && Array.isArray(body.errors) ? body.errors : [];
    const elsewhere = errors.filter(e => !deathFieldError(String(e.field), readable(e.message)));
    if (errors.length && !elsewhere.length) {
      focusFirstError();
      return;
    }
    const fields = elsewhere.map(e => (DEATH_FIELDS[e.field] || word(e.field)) + ' ' + readable(e.message));
    deathProblem(['Nothing was recorded.', body && (body.detail || body.title), fields.join('; ')]
        .filter(Boolean).join(' '));
  }

  /** The form, for the groups that may record a death, while the pathway is open. */
  function showDeathForm(me, p, reload) {
    const section = document.getElementById('death');
    const open = !CLOSED_STAGES.includes(p.stage) && !p.dates.closedAt && !p.dates.diedAt;
    section.hidden = !(open && me.groups.some(g => RECORD_DEATH_GROUPS.includes(g)));
    if (section.hidden || section.dataset.ready) {
      return;
    }
    section.dataset.ready = 'true';
    const form = document.getElementById('death-form');
    const submit = document.getElementById('death-submit');
    form.addEventListener('submit', async event => {
      event.preventDefault();
      clearDeathErrors();
      if (!document.getElementById('death-confirm').checked) {
        deathFieldError('confirm', 'Confirm that this person has died before recording the death.');
        focusFirstError();
        return;
      }
      // a time without an offset is read by the service on the UK's clock, as the ward's clock shows it
      const body = {diedAt: document.getElementById('death-diedAt').value.trim()};
      const place = document.getElementById('death-placeOfDeath').value.trim();
      const notes = document.getElementById('death-notes').value.trim();
      if (place) {
        body.placeOfDeath = place;
      }
      if (notes) {
        body.notes = notes;
      }
      submit.disabled = true;
      try {
        const response = await fetch('/api/pathways/' + encodeURIComponent(p.pathwayId) + '/death', {
          method: 'POST',
          credentials: 'same-origin',
          headers: {'Content-Type': 'application/json', Accept: 'application/json, application/problem+json',
            'X-XSRF-TOKEN': me.csrfToken || ''},
          body: JSON.stringify(body)
        });
        const answer = await response.json().catch(() => null);
        if (response.status === 201) {
          form.reset();
          section.hidden = true;
          await reload();
          say('The death is recorded and the pathway is closed. The GP, the community mental health team and the '
              + 'commissioner are being told.', 'success');
          return;
        }
        showDeathRefusal(response.status, answer);
      } catch (failure) {
        deathProblem('The service could not be reached. Nothing was recorded; try again.');
      } finally {
        submit.disabled = false;
      }
    });
  }

  window.MhPathway.start('pathway', ['ward-clinicians', 'bed-management', 'community-mh-team', 'managers',
    'discharge-hub', 'housing'], 'the pathway\'s care team', async me => {
    const id = new URLSearchParams(window.location.search).get('id');
    if (!id) {
      showFind('', null);
      return;
    }
    await show(me, id);
  });
})();
