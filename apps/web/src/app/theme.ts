import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** One theme for console and portal; the tenant's branding colour will plug in here. */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7 },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  respectReducedMotion: true,
  components: {
    Button: { defaultProps: { radius: 'md' } },
    // #9 item 9: no focus placeholder (role=presentation is not a menu's child, axe
    // aria-required-children) and the dropdown stays inside its header landmark (axe region).
    Menu: { defaultProps: { withInitialFocusPlaceholder: false, withinPortal: false } },
    Modal: { defaultProps: { radius: 'lg', overlayProps: { backgroundOpacity: 0.45, blur: 2 } } },
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
