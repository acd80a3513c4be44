import { em, useMantineTheme } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

/** True below the `sm` breakpoint, where the navigation collapses behind the burger. */
export function useIsMobile(): boolean {
  const theme = useMantineTheme();
  const sm = Number.parseFloat(theme.breakpoints.sm) * 16;
  return useMediaQuery(`(max-width: ${em(sm - 1)})`) ?? false;
}
