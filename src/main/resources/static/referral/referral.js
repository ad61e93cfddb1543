// The referral page: the browser's way to POST /api/referrals with the Tasklist login of this browser.
// The service decides what is valid: the form sends what was typed, and shows each field the answer names
// (problem+json "errors") on that field. After a referral, Tasklist opens on the pathway's first task.
'use strict';

(function () {
  const TASKLIST = '/camunda/app/tasklist/default/';
  /** Camunda's own "who is logged in" call: 200 with the user, 404 when nobody is. */
  const WEBAPP_LOGIN = '/camunda/api/admin/auth/user/default';
  const REFERRING_GROUPS = ['bed-management', 'ward-clinicians'];
  const GROUP_NAMES = {
    'ward-clinicians': 'ward clinicians',
    'bed-management': 'bed management',
    'discharge-hub': 'the discharge hub',
    'housing': 'housing',
    'community-mh-team': 'the community mental health team',
    'managers': 'managers'
  };

  const form = document.getElementById('referral');
  const status = document.getElementById('status');
  const summary = document.getElementById('error-summary');
  const errorList = document.getElementById('error-list');
  const submit = document.getElementById('submit');
  let me = null;

  function say(text, kind) {
    status.textContent = text;
    status.className = 'notice' + (kind ? ' ' + kind : '');
    status.hidden = !text;
  }

  function sayWithLink(before, linkText, href, after) {
    status.textContent = before;
    const a = document.createElement('a');
    a.href = href;
    a.textContent = linkText;
    status.appendChild(a);
    status.appendChild(document.createTextNode(after || ''));
    status.hidden = false;
  }

  async function getJson(url) {
    const response = await fetch(url, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
    const body = await response.json().catch(() => null);
    return {status: response.status, body};
  }

  async function start() {
    const login = await getJson(WEBAPP_LOGIN);
    if (login.status !== 200) {
      sayWithLink('You are not logged in. ', 'Log in to Tasklist', TASKLIST,
          ', then choose "Refer a person" at the top of Tasklist.');
      return;
    }
    const answer = await getJson('/api/me');
    if (answer.status !== 200) {
      sayWithLink('Referrals are taken by bed management and ward clinicians. Your work is in ', 'Tasklist',
          TASKLIST, '.');
      return;
    }
    me = answer.body;
    document.getElementById('user').textContent = me.name;
    if (!me.groups.some(g => REFERRING_GROUPS.includes(g))) {
      sayWithLink('Referrals are taken by bed management and ward clinicians. Your work is in ', 'Tasklist',
          TASKLIST, '.');
      return;
    }
    const ics = document.getElementById('homeIcs');
    for (const each of me.ics) {
      const option = document.createElement('option');
      option.value = each.code;
      option.textContent = each.name + ' (' + each.code + ')';
      ics.appendChild(option);
    }
    if (me.ics.length === 1) {
      ics.value = me.ics[0].code;
    }
    say('');
    form.hidden = false;
    document.getElementById('nhsNumber').focus();
  }

  function value(id) {
    return document.getElementById(id).value.trim();
  }

  /** The body of POST /api/referrals, as typed: empty optional fields are left out, required ones sent empty. */
  function referral() {
    const body = {
      nhsNumber: value('nhsNumber'),
      dateOfBirth: value('dateOfBirth'),
      wardType: value('wardType'),
      homeIcs: value('homeIcs'),
      gpPracticeCode: value('gpPracticeCode'),
      referralSource: value('referralSource'),
      ehcPlan: document.getElementById('ehcPlan').checked
    };
    const ld = form.querySelector('input[name=learningDisabilityOrAutism]:checked');
    body.learningDisabilityOrAutism = ld ? ld.value === 'true' : null;
    const given = value('givenName');
    const family = value('familyName');
    if (given || family) {
      // FHIR HumanName: given names in order, the family name once
      body.name = {};
      if (given) {
        body.name.given = given.split(/\s+/);
      }
      if (family) {
        body.name.family = family;
      }
    }
    if (value('presentedAt')) {
      body.presentedAt = value('presentedAt');
    }
    return body;
  }

  function clearErrors() {
    summary.hidden = true;
    errorList.textContent = '';
    for (const field of form.querySelectorAll('.field')) {
      field.classList.remove('has-error');
      field.querySelector('.error').textContent = '';
      for (const input of field.querySelectorAll('input, select')) {
        input.removeAttribute('aria-invalid');
      }
    }
  }

  /** The form field an error names: "nhsNumber", or "name.given.[0]" for the given name. */
  function fieldFor(name) {
    const fields = Array.from(form.querySelectorAll('.field'));
    return fields.find(f => f.dataset.field === name)
        || fields.find(f => name.startsWith(f.dataset.field + '.'))
        || fields.find(f => f.dataset.field.startsWith(name + '.'));
  }

  function labelOf(field) {
    const label = field.querySelector('legend, label');
    const text = label.cloneNode(true);
    text.querySelectorAll('.optional, input').forEach(n => n.remove());
    return text.textContent.trim();
  }

  function showProblem(problem) {
    const errors = Array.isArray(problem && problem.errors) ? problem.errors : [];
    let first = null;
    for (const error of errors) {
      const field = fieldFor(String(error.field));
      const item = document.createElement('li');
      if (field) {
        const message = labelOf(field) + ' ' + error.message;
        field.classList.add('has-error');
        const slot = field.querySelector('.error');
        slot.textContent = slot.textContent ? slot.textContent + '; ' + error.message : message;
        const input = field.querySelector('input, select');
        input.setAttribute('aria-invalid', 'true');
        const link = document.createElement('a');
        link.href = '#' + input.id;
        link.textContent = message;
        item.appendChild(link);
        first = first || input;
      } else {
        item.textContent = error.field + ' ' + error.message;
      }
      errorList.appendChild(item);
    }
    if (!errors.length) {
      const item = document.createElement('li');
      item.textContent = (problem && (problem.detail || problem.title)) || 'The service could not take the referral.';
      errorList.appendChild(item);
    } else if (problem.detail && !first) {
      const item = document.createElement('li');
      item.textContent = problem.detail;
      errorList.appendChild(item);
    }
    summary.hidden = false;
    summary.focus();
  }

  /** After a referral: the pathway's first task in Tasklist, when it is one of this user's groups' tasks. */
  async function openFirstTask(pathwayId) {
    const pathway = await getJson('/api/pathways/' + encodeURIComponent(pathwayId));
    const tasks = pathway.status === 200 && Array.isArray(pathway.body.openTasks) ? pathway.body.openTasks : [];
    const mine = tasks.find(t => (t.candidateGroups || []).some(g => me.groups.includes(g)));
    if (mine) {
      say('Pathway ' + pathwayId + ' started. Opening "' + mine.name + '" in Tasklist…', 'success');
      window.location.assign(TASKLIST + '#/?task=' + encodeURIComponent(mine.taskId));
      return;
    }
    form.reset();
    form.hidden = true;
    const first = tasks[0];
    const waiting = first ? ' Its first task, "' + first.name + '", is for '
        + (first.candidateGroups || []).map(g => GROUP_NAMES[g] || g).join(' or ') + '.' : '';
    sayWithLink('Pathway ' + pathwayId + ' started.' + waiting + ' ', 'Back to Tasklist', TASKLIST, '');
    status.className = 'notice success';
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors();
    submit.disabled = true;
    say('Sending the referral…');
    try {
      const response = await fetch('/api/referrals', {
        method: 'POST',
        credentials: 'same-origin',
        headers: {'Content-Type': 'application/json', Accept: 'application/json, application/problem+json',
          'X-XSRF-TOKEN': me.csrfToken || ''},
        body: JSON.stringify(referral())
      });
      const body = await response.json().catch(() => null);
      if (response.status === 201 && body && body.pathwayId) {
        await openFirstTask(body.pathwayId);
        return;
      }
      say('');
      if (response.status === 401) {
        sayWithLink('Your login has ended. ', 'Log in to Tasklist', TASKLIST, ' again, then refer from there.');
        status.className = 'notice warning';
        return;
      }
      showProblem(body);
    } catch (failure) {
      say('');
      showProblem({detail: 'The service could not be reached. Nothing was recorded; try again.'});
    } finally {
      submit.disabled = false;
    }
  });

  start().catch(() => say('The service could not be reached. Reload the page to try again.', 'warning'));
})();
