import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** One theme for console and portal; the tenant's branding colour will plug in here. */
/**
 * Mantine's teal, its darkest shade darker: teal-9 text on teal-1 (avatars, light badges and
 * alerts such as "Set by contact") measured 4.33:1; now 5.5:1 (WCAG AA asks 4.5:1, #9 item 9).
 */
const teal: MantineColorsTuple = ['#e6fcf5', '#c3fae8', '#96f2d7', '#63e6be', '#38d9a9', '#20c997', '#12b886', '#0ca678', '#087f5b', '#0a6c4f'];

/** Menu items that destroy or end something: red-9, since Mantine's default red-6 is 3.3:1 on white. */
export const DANGER_MENU_COLOR = 'red.9';

export const theme = createTheme({
  primaryColor: 'indigo',
  colors: { teal },
  primaryShade: { light: 7 },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  respectReducedMotion: true,
  components: {
    // An alert's title in its own colour fails contrast for some colours (yellow-9 on yellow-0 is
    // 2.68:1, green 3.2:1): titles use the text colour, the icon and background keep the hue.
    Alert: { styles: { title: { color: 'var(--mantine-color-text)' } } },
    Button: { defaultProps: { radius: 'md' } },
    // #9 item 9: no focus placeholder (role=presentation is not a menu's child, axe
    // aria-required-children) and the dropdown stays inside its header landmark (axe region).
    Menu: { defaultProps: { withInitialFocusPlaceholder: false, withinPortal: false } },
    // A dialog's <header> is not the page's banner (axe landmark-no-duplicate-banner, #9 item 9).
    Modal: { defaultProps: { radius: 'lg', overlayProps: { backgroundOpacity: 0.45, blur: 2 }, attributes: { header: { role: 'presentation' } } } },
    Paper: { defaultProps: { shadow: 'xs' } },
    TextInput: { defaultProps: { size: 'sm' } },
  },
});

/** Mantine's default "dimmed" grey is below WCAG AA contrast on light backgrounds; darken it. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#59606b' },
  dark: {},
});
