/**
 * All of Mantine's styles (and the toasts'), loaded with every page but the portal sign-in
 * (app/router.tsx), whose first paint needs only app/first-styles.ts (#9 item 7). The rules
 * the first sheet already brought come again, unchanged; the app's own rules (global.css) win
 * by specificity, not by order.
 */
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
