/**
 * The styles of the server-written sign-in (sign-in-shell.ts), inline in the page so that it is
 * drawn as soon as the HTML is in, before any style sheet arrives (#9 item 7). The same layout
 * as the app's AuthLayout and sign-in form, in Mantine's default measures and the app theme's
 * colours (apps/web/src/app/theme.ts: indigo 7 primary, #59606b dimmed text). While the shell
 * is in the page, the app renders into a hidden #root.
 */
export const SHELL_CSS = [
  'body{margin:0}',
  '#porta-shell~#root{display:none}',
  '.shell{min-height:100vh;box-sizing:border-box;padding:20px 16px;background:#f8f9fa;color:#000;line-height:1.55;-webkit-font-smoothing:antialiased;' +
    `font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans",sans-serif}`,
  '.shell-header{display:flex;align-items:center;justify-content:space-between;max-width:580px;margin:0 auto 32px}',
  '.shell-brand{display:flex;align-items:center;gap:10px;font-weight:700;font-size:18px}',
  '.shell-logo{width:34px;height:34px;border-radius:8px;background:var(--shell-primary,#4263eb)}',
  '.shell-logo-img{height:34px;width:auto;max-width:160px;object-fit:contain}',
  '.shell-language{height:26px;padding:0 10px;border:0;border-radius:8px;background:transparent;color:#495057;font:inherit;font-size:14px;font-weight:600}',
  '.shell-column{display:flex;flex-direction:column;gap:16px;max-width:420px;margin:0 auto}',
  '.shell-card{display:block;padding:20px;border:1px solid #dee2e6;border-radius:16px;background:#fff;' +
    'box-shadow:0 1px 3px rgba(0,0,0,.05),rgba(0,0,0,.05) 0 10px 15px -5px,rgba(0,0,0,.04) 0 7px 7px -5px}',
  '@media (min-width:48em){.shell-card{padding:32px}}',
  '.shell-title{margin:0;font-size:26px;line-height:1.35;font-weight:650}',
  '.shell-subtitle{margin:4px 0 20px;font-size:14px;color:#59606b}',
  '.shell-form{display:flex;flex-direction:column;gap:12px}',
  '.shell-label{display:block;margin-bottom:2px;font-size:14px;font-weight:600}',
  '.shell-input{display:block;box-sizing:border-box;width:100%;height:36px;padding:0 12px;border:1px solid #ced4da;border-radius:8px;font:inherit;font-size:14px;background:#fff}',
  '.shell-input:focus{border-color:var(--shell-primary,#4263eb);outline:none}',
  '.shell-submit{cursor:progress;height:36px;margin-top:10px;border:0;border-radius:8px;background:var(--shell-primary,#4263eb);color:#fff;font:inherit;font-size:14px;font-weight:600}',
  '.shell-link{text-align:center;font-size:14px;color:var(--shell-primary,#4263eb);text-decoration:none}',
  '.shell-help{margin:0;text-align:center;font-size:12px;color:#59606b}',
  '.shell-footer{text-align:center;font-size:14px}',
  '.shell-footer a{color:#59606b;text-decoration:none}',
].join('\n');
