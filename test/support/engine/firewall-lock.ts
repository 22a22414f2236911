/**
 * Engine 20.10 reorders the FORWARD chain while it creates a bridge network: for a moment the new
 * bridge's ACCEPT rules come before the jump to DOCKER-ISOLATION-STAGE-1, and a connection between
 * two networks opened in that moment gets through (removing a network leaves the order alone).
 * Projects judged at once therefore never probe while another one creates a network: probing
 * shares this lock, a network's creation takes it alone (and goes first when it waits).
 */
let readers = 0;
let writing = false;
let writersWaiting = 0;
let waiters: (() => void)[] = [];

const wait = () => new Promise<void>((resolve) => waiters.push(resolve));
const wake = () => {
  const woken = waiters;
  waiters = [];
  for (const resolve of woken) resolve();
};

/** Runs `probe` while no network is being created (other probes may run beside it). */
export async function whileFirewallSteady<T>(probe: () => Promise<T>): Promise<T> {
  while (writing || writersWaiting > 0) await wait();
  readers++;
  try {
    return await probe();
  } finally {
    readers--;
    wake();
  }
}

/** Runs a network's creation while nothing is being probed. */
export async function changingFirewall<T>(change: () => Promise<T>): Promise<T> {
  writersWaiting++;
  try {
    while (writing || readers > 0) await wait();
  } finally {
    writersWaiting--;
  }
  writing = true;
  try {
    return await change();
  } finally {
    writing = false;
    wake();
  }
}
