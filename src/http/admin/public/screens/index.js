// Every screen of the admin page: its route, its menu label, the permission that shows it, its module.
export const SCREENS = [
  { id: 'dashboard', label: 'nav.dashboard', permission: 'station:read', load: () => import('./dashboard.js') },
  { id: 'library', label: 'nav.library', permission: 'items:read', load: () => import('./library.js') },
  { id: 'review', label: 'nav.review', permission: 'items:review', load: () => import('./review.js') },
  { id: 'schedule', label: 'nav.schedule', permission: 'station:read', load: () => import('./schedule.js') },
  { id: 'zones', label: 'nav.zones', permission: 'station:read', load: () => import('./zones.js') },
  { id: 'topics', label: 'nav.topics', permission: 'station:read', load: () => import('./topics.js') },
  { id: 'policy', label: 'nav.policy', permission: 'station:read', load: () => import('./policy.js') },
  { id: 'airtime', label: 'nav.airtime', permission: 'airtime:read', load: () => import('./airtime.js') },
  { id: 'reports', label: 'nav.reports', permission: 'reports:read', load: () => import('./reports.js') },
  { id: 'users', label: 'nav.users', permission: 'users:manage', load: () => import('./users.js') },
  { id: 'audit', label: 'nav.audit', permission: 'audit:read', load: () => import('./audit.js') },
];

/** The screens a user may open, in menu order. */
export const screensFor = (user) => SCREENS.filter((s) => user.permissions.includes(s.permission));
