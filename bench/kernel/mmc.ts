import { RandomStreams, Simulator } from "../../src/core/index.ts";

/**
 * An M/M/c queue on socsim's kernel, fed pre-drawn inter-arrival and service
 * times (integer ns) so that another engine fed the same numbers must find
 * exactly the same waits.
 */

export interface MmcInput {
  readonly servers: number;
  readonly arrivalRatePerNs: number;
  readonly serviceRatePerNs: number;
  readonly interArrivalNs: Float64Array;
  readonly serviceNs: Float64Array;
}

export function drawMmcInput(
  servers: number,
  load: number,
  customers: number,
  seed: number,
): MmcInput {
  const meanServiceNs = 1e9;
  const serviceRatePerNs = 1 / meanServiceNs;
  const arrivalRatePerNs = load * servers * serviceRatePerNs;
  const streams = new RandomStreams(seed);
  const arrivals = streams.stream("mmc/arrivals");
  const services = streams.stream("mmc/services");
  const interArrivalNs = new Float64Array(customers);
  const serviceNs = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    interArrivalNs[i] = Math.round(arrivals.exponential(1 / arrivalRatePerNs));
    serviceNs[i] = Math.round(services.exponential(meanServiceNs));
  }
  return { servers, arrivalRatePerNs, serviceRatePerNs, interArrivalNs, serviceNs };
}

export interface MmcOutcome {
  /** Wait in queue of each customer (ns), in arrival order. */
  readonly waitsNs: Float64Array;
  readonly seconds: number;
  readonly events: number;
}

export function mmcOnSocsim(input: MmcInput): MmcOutcome {
  const customers = input.interArrivalNs.length;
  const simulator = new Simulator();
  const waitsNs = new Float64Array(customers);
  const arrivalTime = new Float64Array(customers);
  // FIFO of waiting customers: a ring would do, but every customer enters once, so an index suffices.
  const queue = new Int32Array(customers);
  let queueHead = 0;
  let queueTail = 0;
  let freeServers = input.servers;
  let nextCustomer = 0;

  const startService = (customer: number, now: number): void => {
    waitsNs[customer] = now - arrivalTime[customer]!;
    simulator.after(input.serviceNs[customer]!, depart);
  };
  const depart = (now: number): void => {
    if (queueHead < queueTail) startService(queue[queueHead++]!, now);
    else freeServers++;
  };
  const arrive = (now: number): void => {
    const customer = nextCustomer++;
    arrivalTime[customer] = now;
    if (freeServers > 0) {
      freeServers--;
      startService(customer, now);
    } else {
      queue[queueTail++] = customer;
    }
    if (nextCustomer < customers) simulator.after(input.interArrivalNs[nextCustomer]!, arrive);
  };

  const started = performance.now();
  simulator.at(input.interArrivalNs[0]!, arrive);
  simulator.run();
  return { waitsNs, seconds: (performance.now() - started) / 1000, events: simulator.eventCount };
}

/** Erlang C: the mean wait in queue of an M/M/c system. */
export function erlangCMeanWait(servers: number, arrivalRate: number, serviceRate: number): number {
  const offered = arrivalRate / serviceRate;
  const utilisation = offered / servers;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < servers; k++) {
    term *= offered / k;
    sum += term;
  }
  const last = (term * offered) / servers / (1 - utilisation);
  const probabilityOfWaiting = last / (sum + last);
  return probabilityOfWaiting / (servers * serviceRate - arrivalRate);
}

/**
 * Batch-means confidence interval of the mean wait: the waits of a busy
 * queue are strongly correlated, so we average over long batches and treat
 * the batch means as independent.
 */
export function batchMeansInterval(
  waits: Float64Array,
  batches: number,
  warmupFraction: number,
): { mean: number; halfWidth: number } {
  const start = Math.floor(waits.length * warmupFraction);
  const batchSize = Math.floor((waits.length - start) / batches);
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    for (let i = start + b * batchSize; i < start + (b + 1) * batchSize; i++) sum += waits[i]!;
    means.push(sum / batchSize);
  }
  const mean = means.reduce((a, b) => a + b, 0) / batches;
  const variance = means.reduce((a, m) => a + (m - mean) ** 2, 0) / (batches - 1);
  // Student t quantile for 99 % two-sided with 19 degrees of freedom (20 batches).
  const t99 = 2.861;
  return { mean, halfWidth: t99 * Math.sqrt(variance / batches) };
}
