// mh-pathway's Cockpit configuration: replaces the empty file of the same path in Camunda's webjar
// (docs/webapps.md).
export default {
  // a refused login (right password, no Cockpit) goes to the page that says where the user's work is; the
  // dashboards: a panel on Cockpit's dashboard and links in its header
  customScripts: ['scripts/mh-pathway/refused-login', 'scripts/mh-pathway/dashboards']
};
