// mh-pathway's Tasklist configuration. It replaces the file of the same path in Camunda's webjar (this
// application's classes come first on the class path), as Camunda documents for Tasklist's config.js.
// Keep it to the keys documented for Camunda 7.24; what each changes is in docs/webapps.md.
export default {
  // Loaded before Tasklist starts: the "Refer a person" link, and a Camunda Form's empty required field
  // shown on the field instead of as a failed submission (scripts/mh-pathway/tasklist.js).
  customScripts: ['scripts/mh-pathway/tasklist'],

  // Camunda's default shortcuts, less "start process": no working group may start a process in Tasklist;
  // a pathway starts with a referral (/referral/ or POST /api/referrals).
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    }
  }
};
