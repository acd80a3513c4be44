/**
 * Header safety (issue 5, item 7): a name or subject taken from people or from mail can
 * never start a new header line. CR, LF and other control characters become spaces.
 */
export function oneLine(value: string, max = 250): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** An address as it may appear in an envelope: one line, no angle brackets or spaces. */
export function bareAddress(value: string): string {
  return oneLine(value).replace(/[<>\s"]/g, '').toLowerCase();
}

/** The domain of an address, lower-cased; '' when there is none. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase().replace(/\.$/, '');
}
