import { expect, it } from 'vitest';
import { activeSeatSession } from './context.ts';

// SS-8: lock/logout on Linux act on seat0's active session; these are the read-only loginctl
// queries that find it (answers as loginctl prints them with --value).

function loginctl(answers: Record<string, string | null>) {
  const asked: string[][] = [];
  const run = async (file: string, args: string[]) => {
    asked.push([file, ...args]);
    return answers[args.join(' ')] ?? null;
  };
  return { asked, run };
}

it('finds the active seat0 user session and its user', async () => {
  const l = loginctl({ 'show-seat seat0 -p ActiveSession --value': '3', 'show-session 3 -p Class --value': 'user', 'show-session 3 -p Name --value': 'alice' });
  expect(await activeSeatSession(l.run)).toEqual({ id: '3', user: 'alice' });
  expect(l.asked).toEqual([
    ['loginctl', 'show-seat', 'seat0', '-p', 'ActiveSession', '--value'],
    ['loginctl', 'show-session', '3', '-p', 'Class', '--value'],
    ['loginctl', 'show-session', '3', '-p', 'Name', '--value'],
  ]);
});

it('a greeter session, no session, no logind or an odd id is nobody', async () => {
  expect(await activeSeatSession(loginctl({ 'show-seat seat0 -p ActiveSession --value': 'c1', 'show-session c1 -p Class --value': 'greeter' }).run)).toBeNull();
  expect(await activeSeatSession(loginctl({ 'show-seat seat0 -p ActiveSession --value': '' }).run)).toBeNull();
  expect(await activeSeatSession(loginctl({}).run)).toBeNull();
  const odd = loginctl({ 'show-seat seat0 -p ActiveSession --value': '--all' });
  expect(await activeSeatSession(odd.run)).toBeNull();
  expect(odd.asked).toHaveLength(1);
});
